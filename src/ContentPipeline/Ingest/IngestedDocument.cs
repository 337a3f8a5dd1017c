using System.Text.Json.Serialization;

namespace ContentPipeline.Ingest;

/// <summary>
/// One document as read from the input root: decoded text plus what we learnt about it.
/// Row type of <c>_stages/ingest/documents.parquet</c>.
/// </summary>
public sealed class IngestedDocument
{
    /// <summary>Stable id: first 16 hex chars of SHA-256 over the relative source path (and, for JSONL, "#line").</summary>
    [JsonPropertyName("doc_id")] public string DocId { get; set; } = "";
    /// <summary>Path relative to the input root, '/' separated.</summary>
    [JsonPropertyName("source_path")] public string SourcePath { get; set; } = "";
    /// <summary>1-based line of the record inside a JSONL file; null for whole-file documents.</summary>
    [JsonPropertyName("record_line")] public int? RecordLine { get; set; }
    /// <summary><see cref="SourceFormats"/>: markdown, text or html (the format of <see cref="Body"/>).</summary>
    [JsonPropertyName("format")] public string Format { get; set; } = "";
    /// <summary>The encoding the bytes were decoded with (utf-8, gb18030, big5, ...).</summary>
    [JsonPropertyName("encoding")] public string Encoding { get; set; } = "";
    /// <summary>How the encoding was chosen: bom, declared, detected, default.</summary>
    [JsonPropertyName("encoding_source")] public string EncodingSource { get; set; } = "";
    /// <summary>SHA-256 (hex) of the document's raw bytes (the record's line for JSONL).</summary>
    [JsonPropertyName("content_hash")] public string ContentHash { get; set; } = "";
    [JsonPropertyName("title")] public string? Title { get; set; }
    [JsonPropertyName("author")] public string? Author { get; set; }
    /// <summary>Publication time in UTC, when the source gave one.</summary>
    [JsonPropertyName("published")] public DateTime? Published { get; set; }
    [JsonPropertyName("url")] public string? Url { get; set; }
    /// <summary>All metadata fields found (front matter, meta tags, JSONL fields) as a JSON object.</summary>
    [JsonPropertyName("metadata_json")] public string MetadataJson { get; set; } = "{}";
    /// <summary>The body to normalise: Markdown/text without front matter, or the HTML.</summary>
    [JsonPropertyName("body")] public string Body { get; set; } = "";
    /// <summary>1-based line in the source file where <see cref="Body"/> starts (after front matter).</summary>
    [JsonPropertyName("body_start_line")] public int BodyStartLine { get; set; } = 1;
}

public static class SourceFormats
{
    public const string Markdown = "markdown";
    public const string Text = "text";
    public const string Html = "html";
}
