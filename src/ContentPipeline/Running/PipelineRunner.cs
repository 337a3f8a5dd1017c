using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using ContentPipeline.Config;
using ContentPipeline.Publish;

namespace ContentPipeline.Running;

/// <summary>
/// Runs a selection of stages against one output folder: takes the lock, runs each stage into a private folder,
/// swaps it into <c>_stages/</c>, moves the datasets into place with atomic renames and records the run.
/// A run killed at any point leaves the last published datasets intact; the next run cleans up and completes.
/// </summary>
public sealed class PipelineRunner(PipelineConfig config, TextWriter log)
{
    /// <summary>Test hook: "stage:point" makes the process die there (points: before-swap, mid-publish).</summary>
    public const string FaultVariable = "CONTENTPIPELINE_TEST_FAULT";

    public static string CodeVersion { get; } =
        typeof(PipelineRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public RunRecord Run(IReadOnlyList<IStage> stages)
    {
        if (stages.Count > 0 && stages[0] is Ingest.IngestStage && !Directory.Exists(config.Input))
            throw new ContentPipelineException(
                $"input folder '{config.Input}' does not exist. Create it, or pass --input DIR (or set 'input:' in {config.SourceFile}).",
                ExitCodes.BadConfigOrUsage);

        var started = DateTime.UtcNow;
        var runId = $"{started:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid().ToString("N")[..6]}";
        using var outputLock = OutputLock.Acquire(config.Output, runId);
        var stagesRoot = Path.Combine(config.Output, "_stages");
        Directory.CreateDirectory(stagesRoot);
        RecoverInterruptedSwaps(stagesRoot);

        var record = new RunRecord
        {
            RunId = runId, StartedUtc = started, ConfigFile = config.SourceFile, ConfigHash = config.Hash(),
            Input = config.Input, Output = config.Output,
            Versions = { ["contentpipeline"] = CodeVersion, ["runtime"] = Environment.Version.ToString() },
        };
        var total = Stopwatch.StartNew();
        try
        {
            foreach (var stage in stages)
                record.Stages.Add(RunStage(stage, runId, stagesRoot));
            record.Status = "succeeded";
        }
        catch (Exception e)
        {
            record.Status = "failed";
            record.Error = e.Message;
            throw;
        }
        finally
        {
            record.FinishedUtc = DateTime.UtcNow;
            record.Seconds = Math.Round(total.Elapsed.TotalSeconds, 3);
            WriteRunRecord(record);
        }
        return record;
    }

    private StageManifest RunStage(IStage stage, string runId, string stagesRoot)
    {
        var workDir = Path.Combine(stagesRoot, $".tmp-{stage.Name}-{runId}");
        Directory.CreateDirectory(workDir);
        var context = new StageContext(config, runId, workDir, log);
        var manifest = new StageManifest
        {
            Stage = stage.Name, RunId = runId, StartedUtc = DateTime.UtcNow,
            ConfigHash = stage.ConfigHash(config), CodeVersion = CodeVersion, InputFingerprint = stage.InputFingerprint(context),
        };
        var watch = Stopwatch.StartNew();
        try
        {
            stage.Run(context, manifest);
        }
        catch
        {
            TryDelete(workDir);
            throw;
        }
        manifest.OutputFingerprint = StageFiles.Fingerprint(workDir);
        manifest.Seconds = Math.Round(watch.Elapsed.TotalSeconds, 3);
        manifest.Save(workDir);
        Fault(stage.Name, "before-swap");

        if (stage is PublishStage) PublishDatasets(workDir);
        SwapInto(workDir, Path.Combine(stagesRoot, stage.Name), runId);
        return manifest;
    }

    /// <summary>Each dataset replaces the published one with one rename(2): a reader sees the old file or the new one.</summary>
    private void PublishDatasets(string workDir)
    {
        for (var i = 0; i < PublishStage.Datasets.Length; i++)
        {
            var name = PublishStage.Datasets[i];
            File.Move(Path.Combine(workDir, name), Path.Combine(config.Output, name), overwrite: true);
            if (i == 0) Fault(PublishStage.StageName, "mid-publish");
        }
    }

    /// <summary>Replaces a stage folder: old → .old-run, new → place, delete old. Undone by <see cref="RecoverInterruptedSwaps"/>.</summary>
    private static void SwapInto(string workDir, string stageDir, string runId)
    {
        var old = $"{stageDir}.old-{runId}";
        if (Directory.Exists(stageDir)) Directory.Move(stageDir, old);
        Directory.Move(workDir, stageDir);
        TryDelete(old);
    }

    /// <summary>After a killed run: put back a stage folder caught mid-swap, and drop half-written work folders.</summary>
    private static void RecoverInterruptedSwaps(string stagesRoot)
    {
        foreach (var dir in Directory.GetDirectories(stagesRoot))
        {
            var name = Path.GetFileName(dir);
            var oldMarker = name.IndexOf(".old-", StringComparison.Ordinal);
            if (oldMarker > 0)
            {
                var stageDir = Path.Combine(stagesRoot, name[..oldMarker]);
                if (!Directory.Exists(stageDir)) Directory.Move(dir, stageDir);
                else TryDelete(dir);
            }
            else if (name.StartsWith(".tmp-", StringComparison.Ordinal))
            {
                TryDelete(dir);
            }
        }
    }

    private void WriteRunRecord(RunRecord record)
    {
        var runs = Path.Combine(config.Output, "_runs");
        Directory.CreateDirectory(runs);
        var path = Path.Combine(runs, record.RunId + ".json");
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(record, StageManifest.Json));
        File.Move(tmp, path, overwrite: true);
    }

    private static void Fault(string stage, string point)
    {
        if (Environment.GetEnvironmentVariable(FaultVariable) == $"{stage}:{point}")
            Environment.FailFast($"test fault injected at {stage}:{point}");
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the next run's recovery.
        }
    }
}
