using ContentPipeline.Config;
using ContentPipeline.Ingest;
using ContentPipeline.Normalise;
using ContentPipeline.Segment;

namespace ContentPipeline.Running;

/// <summary>
/// ingest → normalise → segment for one text, in memory and exactly as a run would do it: for the classifier's
/// labelled corpus, the <c>classify FILE</c> command and tests. Not thread-safe: one instance per thread.
/// </summary>
public sealed class InMemoryPipeline(PipelineConfig config)
{
    private readonly DocumentIngestor _ingestor = new(IngestStage.OptionsFrom(config.Ingest));
    private readonly DocumentNormaliser _normaliser = new(config.Normalise);
    private readonly BlockSegmenter _segmenter = new(config.Segment);

    /// <summary>Every document in <paramref name="text"/> (JSONL holds several) with its blocks.</summary>
    public IEnumerable<(IngestedDocument Document, List<SegmentedBlock> Blocks)> ProcessAll(string relativePath, string text) =>
        Segment(relativePath, _ingestor.IngestText(relativePath, text));

    /// <summary>Every document of a file on disk, decoded as a run would (BOM, declared charset, detection).</summary>
    public IEnumerable<(IngestedDocument Document, List<SegmentedBlock> Blocks)> ProcessFile(string path) =>
        Segment(Path.GetFileName(path), _ingestor.IngestBytes(Path.GetFileName(path), File.ReadAllBytes(path)));

    private IEnumerable<(IngestedDocument Document, List<SegmentedBlock> Blocks)> Segment(string relativePath, IEnumerable<IngestResult> results)
    {
        foreach (var result in results)
        {
            if (result.Kind == IngestResultKind.Skipped)
                throw new ContentPipelineException($"'{relativePath}': its extension is not configured in ingest.*_extensions.", ExitCodes.BadConfigOrUsage);
            if (result.Kind == IngestResultKind.Reject)
                throw new ContentPipelineException($"'{relativePath}' cannot be read: {result.Reject!.Reason}: {result.Reject.Detail}");
            var doc = result.Document!;
            yield return (doc, _segmenter.Segment(doc.DocId, _normaliser.Normalise(doc)));
        }
    }

    /// <summary>The single document of a Markdown, text or HTML file.</summary>
    public (IngestedDocument Document, List<SegmentedBlock> Blocks) Process(string relativePath, string text)
    {
        foreach (var item in ProcessAll(relativePath, text)) return item;
        throw new ContentPipelineException($"'{relativePath}' holds no document.");
    }
}
