using System.Text.Json.Serialization;

namespace ContentPipeline.Classify;

/// <summary>Labels written by the classify stage. Row type of <c>_stages/classify/labels.parquet</c>.</summary>
public sealed class BlockLabel
{
    [JsonPropertyName("doc_id")] public string DocId { get; set; } = "";
    [JsonPropertyName("block_index")] public int BlockIndex { get; set; }
    /// <summary><see cref="Labels.Content"/> or <see cref="Labels.Boilerplate"/>.</summary>
    [JsonPropertyName("label")] public string Label { get; set; } = Labels.Content;
    /// <summary>Calibrated probability that the block is boilerplate; null when no model was applied.</summary>
    [JsonPropertyName("probability")] public double? Probability { get; set; }
}

public static class Labels
{
    public const string Content = "content";
    public const string Boilerplate = "boilerplate";
}
