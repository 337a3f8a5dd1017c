using System.CommandLine;
using ContentPipeline.Running;

namespace ContentPipeline.Cli.Commands;

/// <summary><c>contentpipeline stages</c>: each stage with its last run and whether it is up to date.</summary>
internal static class StagesCommand
{
    public static Command Create(TextWriter stdout)
    {
        var config = CommonOptions.Config();
        var output = CommonOptions.Output();
        var command = new Command("stages", "List the stages with their last run and whether they are up to date.") { config, output };
        command.SetAction(parse =>
        {
            var cfg = CommonOptions.Load(parse.GetValue(config)!, null, parse.GetValue(output));
            var stagesRoot = Path.Combine(cfg.Output, "_stages");
            stdout.WriteLine($"{"stage",-10} {"last run",-24} {"in",8} {"out",8} {"rejects",8} {"seconds",8}  status");
            string? previousOutput = null;
            foreach (var stage in StageCatalog.All)
            {
                var m = StageManifest.TryLoad(Path.Combine(stagesRoot, stage.Name));
                if (m is null)
                {
                    stdout.WriteLine($"{stage.Name,-10} {"never",-24} {"",8} {"",8} {"",8} {"",8}  not run");
                    previousOutput = null;
                    continue;
                }
                stdout.WriteLine($"{stage.Name,-10} {m.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss'Z'"),-24} {m.ItemsIn,8} {m.ItemsOut,8} {m.Rejects,8} {m.Seconds,8:0.000}  {Status(stage, m, cfg, previousOutput)}");
                previousOutput = m.OutputFingerprint;
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Why the stage would run again: its settings, its code or its input changed since its last run.</summary>
    private static string Status(IStage stage, StageManifest m, Config.PipelineConfig cfg, string? previousOutput)
    {
        var reasons = new List<string>();
        string configHash;
        try { configHash = stage.ConfigHash(cfg); }
        catch (ContentPipelineException e) { return $"config error: {e.Message}"; }
        if (configHash != m.ConfigHash) reasons.Add("settings changed");
        if (m.CodeVersion != PipelineRunner.CodeVersion) reasons.Add("code changed");
        if (previousOutput is not null && m.InputFingerprint != previousOutput) reasons.Add("input changed");
        return reasons.Count == 0 ? "up to date" : "stale: " + string.Join(", ", reasons);
    }
}
