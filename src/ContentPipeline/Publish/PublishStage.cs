using System.Text;
using ContentPipeline.Classify;
using ContentPipeline.Config;
using ContentPipeline.Ingest;
using ContentPipeline.Normalise;
using ContentPipeline.Running;
using ContentPipeline.Segment;

namespace ContentPipeline.Publish;

/// <summary>
/// Joins documents, blocks and labels into the four datasets. They are written into the stage's work folder; the
/// runner then moves each into the output folder with an atomic rename, so readers never see a half-written file.
/// </summary>
public sealed class PublishStage : IStage
{
    public const string StageName = "publish";
    public static readonly string[] Datasets = [StageFiles.Documents, StageFiles.Blocks, "boilerplate.parquet", StageFiles.Rejects];
    /// <summary>Stages whose rejects are gathered into rejects.parquet, in flow order.</summary>
    private static readonly string[] RejectingStages = [IngestStage.StageName, NormaliseStage.StageName, SegmentStage.StageName, ClassifyStage.StageName];

    public string Name => StageName;

    public string ConfigHash(PipelineConfig config) => PipelineConfig.HashOf(config.Publish);

    public string InputFingerprint(StageContext context) => context.OutputFingerprintOf(ClassifyStage.StageName);

    public void Run(StageContext context, StageManifest manifest)
    {
        var settings = context.Config.Publish;
        string Out(string name) => Path.Combine(context.WorkDir, name);
        using (var documentsOut = ParquetTable.Create<PublishedDocument>(Out(StageFiles.Documents), settings))
        using (var blocksOut = ParquetTable.Create<PublishedBlock>(Out(StageFiles.Blocks), settings))
        using (var boilerplateOut = ParquetTable.Create<BoilerplateBlock>(Out("boilerplate.parquet"), settings))
        {
            var documents = ParquetTable.Read<IngestedDocument>(context.InputOf(IngestStage.StageName, StageFiles.Documents));
            var blocks = ParquetTable.Read<SegmentedBlock>(context.InputOf(SegmentStage.StageName, StageFiles.Blocks));
            using var labels = ParquetTable.Read<BlockLabel>(context.InputOf(ClassifyStage.StageName, StageFiles.Labels)).GetEnumerator();
            var hasLabel = labels.MoveNext();
            var text = new StringBuilder();
            foreach (var (doc, docBlocks) in DocumentJoin.Join(documents, blocks, b => b.DocId, SegmentStage.StageName))
            {
                manifest.ItemsIn++;
                if (!hasLabel || labels.Current.DocId != doc.DocId) continue; // rejected by classify
                text.Clear();
                int content = 0, boilerplate = 0, chars = 0;
                var languageChars = new Dictionary<string, int>();
                foreach (var block in docBlocks)
                {
                    if (!hasLabel || labels.Current.DocId != doc.DocId || labels.Current.BlockIndex != block.BlockIndex)
                        throw new ContentPipelineException($"labels of document {doc.DocId} do not match its blocks: the stages are out of step. Run 'contentpipeline run --from classify'.");
                    var label = labels.Current;
                    hasLabel = labels.MoveNext();
                    blocksOut.Write(ToPublished(block, label));
                    if (label.Label == Labels.Boilerplate)
                    {
                        boilerplate++;
                        boilerplateOut.Write(new BoilerplateBlock
                        {
                            DocId = doc.DocId, SourcePath = doc.SourcePath, BlockIndex = block.BlockIndex, Kind = block.Kind,
                            Text = block.Text, SourceLine = block.SourceLine, Probability = label.Probability,
                        });
                        continue;
                    }
                    content++;
                    chars += block.CharCount;
                    languageChars[block.Language] = languageChars.GetValueOrDefault(block.Language) + block.CharCount;
                    if (text.Length > 0) text.Append("\n\n");
                    text.Append(block.Text);
                }
                documentsOut.Write(new PublishedDocument
                {
                    DocId = doc.DocId, SourcePath = doc.SourcePath, RecordLine = doc.RecordLine, Format = doc.Format,
                    Encoding = doc.Encoding, ContentHash = doc.ContentHash, Title = doc.Title, Author = doc.Author,
                    Published = doc.Published, Url = doc.Url, Language = MainLanguage(languageChars), Text = text.ToString(),
                    CharCount = chars, BlockCount = docBlocks.Count, ContentBlockCount = content, BoilerplateBlockCount = boilerplate,
                    MetadataJson = doc.MetadataJson,
                });
            }
            manifest.ItemsOut = documentsOut.Count;
            manifest.Counts["blocks"] = blocksOut.Count;
            manifest.Counts["boilerplate_blocks"] = boilerplateOut.Count;
            manifest.Rows[StageFiles.Documents] = documentsOut.Count;
            manifest.Rows[StageFiles.Blocks] = blocksOut.Count;
            manifest.Rows["boilerplate.parquet"] = boilerplateOut.Count;
        }

        using var rejectsOut = ParquetTable.Create<Reject>(Out(StageFiles.Rejects), settings);
        foreach (var stage in RejectingStages)
        {
            var path = Path.Combine(context.StageDir(stage), StageFiles.Rejects);
            if (!File.Exists(path)) continue;
            foreach (var reject in ParquetTable.Read<Reject>(path)) rejectsOut.Write(reject);
        }
        manifest.Rejects = rejectsOut.Count;
        manifest.Rows[StageFiles.Rejects] = rejectsOut.Count;
    }

    private static PublishedBlock ToPublished(SegmentedBlock b, BlockLabel label) => new()
    {
        DocId = b.DocId, BlockIndex = b.BlockIndex, Kind = b.Kind, Text = b.Text, SourceLine = b.SourceLine, Language = b.Language,
        CharCount = b.CharCount, LinkDensity = b.LinkDensity, Sentences = b.Sentences, Tokens = b.Tokens,
        Label = label.Label, Probability = label.Probability,
    };

    /// <summary>The language holding most characters; ties go to the ordinally first name, for determinism.</summary>
    private static string MainLanguage(Dictionary<string, int> chars)
    {
        var best = Languages.Other;
        var bestCount = -1;
        foreach (var (language, count) in chars)
            if (count > bestCount || count == bestCount && string.CompareOrdinal(language, best) < 0)
                (best, bestCount) = (language, count);
        return best;
    }
}
