using System.Text.Json.Serialization;

namespace ContentPipeline.Publish;

/// <summary>An input that could not be processed, and why. Row type of <c>rejects.parquet</c>.</summary>
public sealed class Reject
{
    [JsonPropertyName("source_path")] public string SourcePath { get; set; } = "";
    /// <summary>1-based JSONL line, or null for a whole file.</summary>
    [JsonPropertyName("record_line")] public int? RecordLine { get; set; }
    /// <summary>Null when the input never got an id (the file itself could not be read).</summary>
    [JsonPropertyName("doc_id")] public string? DocId { get; set; }
    /// <summary>The stage that rejected it: ingest, normalise, segment, classify.</summary>
    [JsonPropertyName("stage")] public string Stage { get; set; } = "";
    /// <summary>Short machine-friendly reason: undecodable, malformed_json, binary, empty, too_large, error.</summary>
    [JsonPropertyName("reason")] public string Reason { get; set; } = "";
    /// <summary>Human-readable detail: what was wrong, where, what to do.</summary>
    [JsonPropertyName("detail")] public string Detail { get; set; } = "";
}
