using System.Security.Cryptography;
using System.Text;
using ContentPipeline.Config;
using ContentPipeline.Publish;
using ContentPipeline.Running;

namespace ContentPipeline.Ingest;

/// <summary>Input folder → <c>documents.parquet</c> (one row per document) and <c>rejects.parquet</c>.</summary>
public sealed class IngestStage : IStage
{
    public const string StageName = "ingest";
    public string Name => StageName;

    public string ConfigHash(PipelineConfig config) => PipelineConfig.HashOf(config.Ingest);

    /// <summary>The input files' paths, sizes and modification times: cheap, and changes whenever a file does.</summary>
    public string InputFingerprint(StageContext context)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var rel in DocumentIngestor.ListInputs(context.Config.Input))
        {
            var info = new FileInfo(Path.Combine(context.Config.Input, rel));
            hash.AppendData(Encoding.UTF8.GetBytes($"{rel}\t{info.Length}\t{info.LastWriteTimeUtc.Ticks}\n"));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    public void Run(StageContext context, StageManifest manifest)
    {
        var ingestor = new DocumentIngestor(OptionsFrom(context.Config.Ingest));
        var publish = context.Config.Publish;
        using var documents = ParquetTable.Create<IngestedDocument>(Path.Combine(context.WorkDir, StageFiles.Documents), publish);
        using var rejects = ParquetTable.Create<Reject>(Path.Combine(context.WorkDir, StageFiles.Rejects), publish);
        long skipped = 0;
        foreach (var result in ingestor.Ingest(context.Config.Input))
        {
            switch (result.Kind)
            {
                case IngestResultKind.Document:
                    documents.Write(result.Document!);
                    break;
                case IngestResultKind.Reject:
                    rejects.Write(result.Reject!);
                    break;
                default:
                    skipped++;
                    context.Log.WriteLine($"  skipped {result.SourcePath}: extension not configured in ingest.*_extensions");
                    break;
            }
        }
        manifest.ItemsIn = documents.Count + rejects.Count + skipped;
        manifest.ItemsOut = documents.Count;
        manifest.Rejects = rejects.Count;
        manifest.Counts["skipped_files"] = skipped;
        manifest.Rows[StageFiles.Documents] = documents.Count;
        manifest.Rows[StageFiles.Rejects] = rejects.Count;
    }

    public static IngestOptions OptionsFrom(IngestSettings s)
    {
        var extensions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in s.MarkdownExtensions) extensions[e] = InputFormats.Markdown;
        foreach (var e in s.TextExtensions) extensions[e] = InputFormats.Text;
        foreach (var e in s.HtmlExtensions) extensions[e] = InputFormats.Html;
        foreach (var e in s.JsonlExtensions) extensions[e] = InputFormats.Jsonl;
        return new IngestOptions { Extensions = extensions, MaxFileBytes = s.MaxFileBytes };
    }
}
