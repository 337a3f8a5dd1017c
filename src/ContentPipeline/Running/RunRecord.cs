using System.Text.Json.Serialization;

namespace ContentPipeline.Running;

/// <summary>What one run did: <c>out/_runs/&lt;run-id&gt;.json</c>.</summary>
public sealed class RunRecord
{
    [JsonPropertyName("run_id")] public string RunId { get; set; } = "";
    [JsonPropertyName("status")] public string Status { get; set; } = "running";
    [JsonPropertyName("error")] public string? Error { get; set; }
    [JsonPropertyName("started_utc")] public DateTime StartedUtc { get; set; }
    [JsonPropertyName("finished_utc")] public DateTime? FinishedUtc { get; set; }
    [JsonPropertyName("seconds")] public double Seconds { get; set; }
    [JsonPropertyName("config_file")] public string ConfigFile { get; set; } = "";
    [JsonPropertyName("config_hash")] public string ConfigHash { get; set; } = "";
    [JsonPropertyName("input")] public string Input { get; set; } = "";
    [JsonPropertyName("output")] public string Output { get; set; } = "";
    [JsonPropertyName("versions")] public SortedDictionary<string, string> Versions { get; set; } = new(StringComparer.Ordinal);
    [JsonPropertyName("stages")] public List<StageManifest> Stages { get; set; } = [];
}
