using System.Text.Json.Serialization;

namespace ContentPipeline.Benchmarks.Parquet;

/// <summary>A row shaped like the pipeline's blocks.parquet.</summary>
public sealed class BlockRow
{
    [JsonPropertyName("doc_id")]
    public string DocId { get; set; } = "";

    [JsonPropertyName("block_index")]
    public int BlockIndex { get; set; }

    [JsonPropertyName("text")]
    public string Text { get; set; } = "";

    [JsonPropertyName("label")]
    public string Label { get; set; } = "";

    [JsonPropertyName("probability")]
    public double Probability { get; set; }

    [JsonPropertyName("tokens")]
    public List<string> Tokens { get; set; } = [];
}
