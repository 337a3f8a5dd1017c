using System.Text.Json.Serialization;

namespace ContentPipeline.Normalise;

/// <summary>A clean block before segmentation. Row type of <c>_stages/normalise/blocks.parquet</c>.</summary>
public sealed class NormalisedBlock
{
    [JsonPropertyName("doc_id")] public string DocId { get; set; } = "";
    [JsonPropertyName("block_index")] public int BlockIndex { get; set; }
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("text")] public string Text { get; set; } = "";
    [JsonPropertyName("source_line")] public int SourceLine { get; set; }
    [JsonPropertyName("link_density")] public double? LinkDensity { get; set; }
    [JsonPropertyName("container")] public string? Container { get; set; }

    public RawBlock ToRawBlock() => new(Kind, Text, SourceLine, LinkDensity, Container);
}
