using ContentPipeline.Config;
using ContentPipeline.Ingest;
using ContentPipeline.Publish;
using ContentPipeline.Running;
using ContentPipeline.Segment;

namespace ContentPipeline.Classify;

/// <summary>Segmented blocks → a label and probability per block (<c>labels.parquet</c>).</summary>
public sealed class ClassifyStage : IStage
{
    public const string StageName = "classify";
    public string Name => StageName;

    public string ConfigHash(PipelineConfig config) => PipelineConfig.HashOf(new { config.Classify, Model = ModelVersion(config) });

    /// <summary>The model file's version (hash of its bytes), "none" without a model.</summary>
    public static string ModelVersion(PipelineConfig config) =>
        config.Classify.Model is null ? "none" : BlockClassifier.FileVersion(config.Classify.Model);

    public string InputFingerprint(StageContext context) => context.OutputFingerprintOf(SegmentStage.StageName);

    public static IBlockLabeler CreateLabeler(PipelineConfig config) =>
        config.Classify.Model is null
            ? new NoModelLabeler()
            : BlockClassifier.Load(config.Classify.Model, config.Classify.Threshold);

    public void Run(StageContext context, StageManifest manifest)
    {
        var labeler = CreateLabeler(context.Config);
        using var disposeLabeler = labeler as IDisposable;
        var publish = context.Config.Publish;
        using var output = ParquetTable.Create<BlockLabel>(Path.Combine(context.WorkDir, StageFiles.Labels), publish);
        using var rejects = ParquetTable.Create<Reject>(Path.Combine(context.WorkDir, StageFiles.Rejects), publish);
        var documents = ParquetTable.Read<IngestedDocument>(context.InputOf(IngestStage.StageName, StageFiles.Documents));
        var blocks = ParquetTable.Read<SegmentedBlock>(context.InputOf(SegmentStage.StageName, StageFiles.Blocks));
        var labels = new List<BlockLabel>();
        long docsIn = 0, boilerplate = 0;
        foreach (var (doc, rows) in DocumentJoin.Join(documents, blocks, b => b.DocId, SegmentStage.StageName))
        {
            docsIn++;
            labels.Clear();
            if (!DocumentIsolation.TryProcess(StageName, doc.DocId, doc.SourcePath, doc.RecordLine, () => labeler.Label(rows, labels), rejects))
                continue;
            foreach (var label in labels)
            {
                if (label.Label == Labels.Boilerplate) boilerplate++;
                output.Write(label);
            }
        }
        manifest.ItemsIn = docsIn;
        manifest.ItemsOut = docsIn - rejects.Count;
        manifest.Rejects = rejects.Count;
        manifest.Counts["blocks"] = output.Count;
        manifest.Counts["boilerplate_blocks"] = boilerplate;
        manifest.Rows[StageFiles.Labels] = output.Count;
        manifest.Rows[StageFiles.Rejects] = rejects.Count;
    }
}
