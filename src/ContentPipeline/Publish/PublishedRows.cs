using System.Text.Json.Serialization;

namespace ContentPipeline.Publish;

/// <summary>One clean essay per row: <c>out/documents.parquet</c>.</summary>
public sealed class PublishedDocument
{
    [JsonPropertyName("doc_id")] public string DocId { get; set; } = "";
    [JsonPropertyName("source_path")] public string SourcePath { get; set; } = "";
    [JsonPropertyName("record_line")] public int? RecordLine { get; set; }
    [JsonPropertyName("format")] public string Format { get; set; } = "";
    [JsonPropertyName("encoding")] public string Encoding { get; set; } = "";
    [JsonPropertyName("content_hash")] public string ContentHash { get; set; } = "";
    [JsonPropertyName("title")] public string? Title { get; set; }
    [JsonPropertyName("author")] public string? Author { get; set; }
    [JsonPropertyName("published")] public DateTime? Published { get; set; }
    [JsonPropertyName("url")] public string? Url { get; set; }
    /// <summary>Language of most of the kept text: zh, en, mixed or other.</summary>
    [JsonPropertyName("language")] public string Language { get; set; } = "";
    /// <summary>The content blocks in order, separated by a blank line.</summary>
    [JsonPropertyName("text")] public string Text { get; set; } = "";
    [JsonPropertyName("char_count")] public int CharCount { get; set; }
    [JsonPropertyName("block_count")] public int BlockCount { get; set; }
    [JsonPropertyName("content_block_count")] public int ContentBlockCount { get; set; }
    [JsonPropertyName("boilerplate_block_count")] public int BoilerplateBlockCount { get; set; }
    [JsonPropertyName("metadata_json")] public string MetadataJson { get; set; } = "{}";
}

/// <summary>Every block with its label: <c>out/blocks.parquet</c>.</summary>
public sealed class PublishedBlock
{
    [JsonPropertyName("doc_id")] public string DocId { get; set; } = "";
    [JsonPropertyName("block_index")] public int BlockIndex { get; set; }
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("text")] public string Text { get; set; } = "";
    [JsonPropertyName("source_line")] public int SourceLine { get; set; }
    [JsonPropertyName("language")] public string Language { get; set; } = "";
    [JsonPropertyName("char_count")] public int CharCount { get; set; }
    [JsonPropertyName("link_density")] public double? LinkDensity { get; set; }
    [JsonPropertyName("sentences")] public List<string> Sentences { get; set; } = [];
    [JsonPropertyName("tokens")] public List<string> Tokens { get; set; } = [];
    [JsonPropertyName("label")] public string Label { get; set; } = "";
    [JsonPropertyName("probability")] public double? Probability { get; set; }
}

/// <summary>The removed blocks and where they came from: <c>out/boilerplate.parquet</c>.</summary>
public sealed class BoilerplateBlock
{
    [JsonPropertyName("doc_id")] public string DocId { get; set; } = "";
    [JsonPropertyName("source_path")] public string SourcePath { get; set; } = "";
    [JsonPropertyName("block_index")] public int BlockIndex { get; set; }
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("text")] public string Text { get; set; } = "";
    [JsonPropertyName("source_line")] public int SourceLine { get; set; }
    [JsonPropertyName("probability")] public double? Probability { get; set; }
}
