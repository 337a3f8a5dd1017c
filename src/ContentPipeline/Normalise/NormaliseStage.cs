using ContentPipeline.Config;
using ContentPipeline.Ingest;
using ContentPipeline.Publish;
using ContentPipeline.Running;

namespace ContentPipeline.Normalise;

/// <summary>Ingested documents → clean blocks (<c>blocks.parquet</c>); a document with no text left is rejected.</summary>
public sealed class NormaliseStage : IStage
{
    public const string StageName = "normalise";
    public string Name => StageName;

    public string ConfigHash(PipelineConfig config) => PipelineConfig.HashOf(config.Normalise);

    public string InputFingerprint(StageContext context) => context.OutputFingerprintOf(IngestStage.StageName);

    public void Run(StageContext context, StageManifest manifest)
    {
        var normaliser = new DocumentNormaliser(context.Config.Normalise);
        var publish = context.Config.Publish;
        using var blocks = ParquetTable.Create<NormalisedBlock>(Path.Combine(context.WorkDir, StageFiles.Blocks), publish);
        using var rejects = ParquetTable.Create<Reject>(Path.Combine(context.WorkDir, StageFiles.Rejects), publish);
        long docsIn = 0, docsOut = 0;
        foreach (var doc in ParquetTable.Read<IngestedDocument>(context.InputOf(IngestStage.StageName, StageFiles.Documents)))
        {
            docsIn++;
            List<RawBlock> clean = [];
            if (!DocumentIsolation.TryProcess(StageName, doc.DocId, doc.SourcePath, doc.RecordLine,
                    () => clean = normaliser.Normalise(doc), rejects))
                continue;
            if (clean.Count == 0)
            {
                rejects.Write(new Reject
                {
                    SourcePath = doc.SourcePath, RecordLine = doc.RecordLine, DocId = doc.DocId, Stage = StageName,
                    Reason = "empty", Detail = "no visible text after removing markup; check the file has a body",
                });
                continue;
            }
            docsOut++;
            for (var i = 0; i < clean.Count; i++)
            {
                var b = clean[i];
                blocks.Write(new NormalisedBlock
                {
                    DocId = doc.DocId, BlockIndex = i, Kind = b.Kind, Text = b.Text, SourceLine = b.SourceLine, LinkDensity = b.LinkDensity,
                    Container = b.Container,
                });
            }
        }
        manifest.ItemsIn = docsIn;
        manifest.ItemsOut = docsOut;
        manifest.Rejects = rejects.Count;
        manifest.Counts["blocks"] = blocks.Count;
        manifest.Rows[StageFiles.Blocks] = blocks.Count;
        manifest.Rows[StageFiles.Rejects] = rejects.Count;
    }
}
