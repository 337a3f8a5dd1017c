using ContentPipeline.Classify;
using ContentPipeline.Ingest;
using ContentPipeline.Normalise;
using ContentPipeline.Publish;
using ContentPipeline.Segment;

namespace ContentPipeline.Running;

/// <summary>The stages in flow order, and the selection a run makes of them (--stage, --from, --to).</summary>
public static class StageCatalog
{
    public static IReadOnlyList<IStage> All { get; } =
        [new IngestStage(), new NormaliseStage(), new SegmentStage(), new ClassifyStage(), new PublishStage()];

    public static IReadOnlyList<IStage> Select(string? stage, string? from, string? to)
    {
        if (stage is not null && (from is not null || to is not null))
            throw new ContentPipelineException("--stage runs one stage; it cannot be combined with --from or --to.", ExitCodes.BadConfigOrUsage);
        if (stage is not null) from = to = stage;
        var first = from is null ? 0 : IndexOf(from, stage is null ? "--from" : "--stage");
        var last = to is null ? All.Count - 1 : IndexOf(to, stage is null ? "--to" : "--stage");
        if (first > last)
            throw new ContentPipelineException($"--from {from} comes after --to {to} in the flow ({Names}).", ExitCodes.BadConfigOrUsage);
        var selected = new List<IStage>();
        for (var i = first; i <= last; i++) selected.Add(All[i]);
        return selected;
    }

    public static string Names => string.Join(" → ", All.Select(s => s.Name));

    private static int IndexOf(string name, string option)
    {
        for (var i = 0; i < All.Count; i++)
            if (string.Equals(All[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        throw new ContentPipelineException($"{option} {name}: no such stage. The stages are {Names}.", ExitCodes.BadConfigOrUsage);
    }
}
