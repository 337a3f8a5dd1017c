using ContentPipeline.Config;

namespace ContentPipeline.Running;

/// <summary>
/// One step of the flow. It reads the persisted output of the stage before it (or the input folder), writes its
/// own files into <see cref="StageContext.WorkDir"/>, and fills the counts of <see cref="StageManifest"/>.
/// Stages know nothing of locking, manifests on disk or atomic publication: the runner does that.
/// </summary>
public interface IStage
{
    string Name { get; }

    /// <summary>Hash of the settings this stage's output depends on.</summary>
    string ConfigHash(PipelineConfig config);

    /// <summary>What identifies the stage's inputs; compared with the last run to tell whether it is stale.</summary>
    string InputFingerprint(StageContext context);

    void Run(StageContext context, StageManifest manifest);
}

/// <summary>Where a stage reads and writes during one run.</summary>
public sealed class StageContext(PipelineConfig config, string runId, string workDir, TextWriter log)
{
    public PipelineConfig Config { get; } = config;
    public string RunId { get; } = runId;
    /// <summary>Private folder the stage writes into; published under <c>_stages/&lt;name&gt;</c> when the stage succeeds.</summary>
    public string WorkDir { get; } = workDir;
    public TextWriter Log { get; } = log;

    public string StagesRoot => Path.Combine(Config.Output, "_stages");

    /// <summary>The published folder of a stage (its last successful run).</summary>
    public string StageDir(string stage) => Path.Combine(StagesRoot, stage);

    /// <summary>A file of another stage's last successful run; the message says which stage to run when it is missing.</summary>
    public string InputOf(string stage, string file)
    {
        var path = Path.Combine(StageDir(stage), file);
        if (!File.Exists(path))
            throw new ContentPipelineException(
                $"stage '{stage}' has not run yet in '{Config.Output}' ({file} is missing). Run 'contentpipeline run --from {stage}' or a full run first.");
        return path;
    }

    public string OutputFingerprintOf(string stage) =>
        StageManifest.TryLoad(StageDir(stage))?.OutputFingerprint
        ?? throw new ContentPipelineException($"stage '{stage}' has no manifest in '{StageDir(stage)}'. Run 'contentpipeline run --from {stage}' first.");
}
