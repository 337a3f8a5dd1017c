using ContentPipeline.Config;
using ContentPipeline.Ingest;
using ContentPipeline.Normalise;
using ContentPipeline.Publish;
using ContentPipeline.Running;

namespace ContentPipeline.Segment;

/// <summary>Clean blocks → blocks with language, sentences and tokens (<c>blocks.parquet</c>).</summary>
public sealed class SegmentStage : IStage
{
    public const string StageName = "segment";
    public string Name => StageName;

    public string ConfigHash(PipelineConfig config) => PipelineConfig.HashOf(config.Segment);

    public string InputFingerprint(StageContext context) => context.OutputFingerprintOf(NormaliseStage.StageName);

    public void Run(StageContext context, StageManifest manifest)
    {
        var segmenter = new BlockSegmenter(context.Config.Segment);
        var publish = context.Config.Publish;
        using var output = ParquetTable.Create<SegmentedBlock>(Path.Combine(context.WorkDir, StageFiles.Blocks), publish);
        using var rejects = ParquetTable.Create<Reject>(Path.Combine(context.WorkDir, StageFiles.Rejects), publish);
        var documents = ParquetTable.Read<IngestedDocument>(context.InputOf(IngestStage.StageName, StageFiles.Documents));
        var blocks = ParquetTable.Read<NormalisedBlock>(context.InputOf(NormaliseStage.StageName, StageFiles.Blocks));
        long docsIn = 0, docsOut = 0;
        foreach (var (doc, rows) in DocumentJoin.Join(documents, blocks, b => b.DocId, NormaliseStage.StageName))
        {
            docsIn++;
            List<SegmentedBlock> segmented = [];
            var raw = rows.ConvertAll(r => r.ToRawBlock());
            if (!DocumentIsolation.TryProcess(StageName, doc.DocId, doc.SourcePath, doc.RecordLine,
                    () => segmented = segmenter.Segment(doc.DocId, raw), rejects))
                continue;
            docsOut++;
            foreach (var b in segmented) output.Write(b);
        }
        manifest.ItemsIn = docsIn;
        manifest.ItemsOut = docsOut;
        manifest.Rejects = rejects.Count;
        manifest.Counts["blocks"] = output.Count;
        manifest.Rows[StageFiles.Blocks] = output.Count;
        manifest.Rows[StageFiles.Rejects] = rejects.Count;
    }
}
