using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContentPipeline.Running;

/// <summary>
/// What a stage's last run was made from and produced: <c>_stages/&lt;stage&gt;/manifest.json</c>.
/// A stage is stale when its input fingerprint no longer matches its predecessor's output fingerprint.
/// </summary>
public sealed class StageManifest
{
    public const string FileName = "manifest.json";

    [JsonPropertyName("stage")] public string Stage { get; set; } = "";
    [JsonPropertyName("run_id")] public string RunId { get; set; } = "";
    /// <summary>For ingest: hash of the input files' paths, sizes and times; else the predecessor's output fingerprint.</summary>
    [JsonPropertyName("input_fingerprint")] public string InputFingerprint { get; set; } = "";
    /// <summary>SHA-256 over the stage's output files.</summary>
    [JsonPropertyName("output_fingerprint")] public string OutputFingerprint { get; set; } = "";
    [JsonPropertyName("config_hash")] public string ConfigHash { get; set; } = "";
    [JsonPropertyName("code_version")] public string CodeVersion { get; set; } = "";
    [JsonPropertyName("items_in")] public long ItemsIn { get; set; }
    [JsonPropertyName("items_out")] public long ItemsOut { get; set; }
    [JsonPropertyName("rejects")] public long Rejects { get; set; }
    /// <summary>Further counts (skipped files, blocks, boilerplate blocks...).</summary>
    [JsonPropertyName("counts")] public SortedDictionary<string, long> Counts { get; set; } = new(StringComparer.Ordinal);
    [JsonPropertyName("rows")] public SortedDictionary<string, long> Rows { get; set; } = new(StringComparer.Ordinal);
    [JsonPropertyName("started_utc")] public DateTime StartedUtc { get; set; }
    [JsonPropertyName("seconds")] public double Seconds { get; set; }

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static StageManifest? TryLoad(string stageDir)
    {
        var path = Path.Combine(stageDir, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<StageManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null; // a damaged manifest only means the stage must run again
        }
    }

    public void Save(string stageDir) =>
        File.WriteAllText(Path.Combine(stageDir, FileName), JsonSerializer.Serialize(this, Json));
}
