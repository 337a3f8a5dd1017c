using System.CommandLine;
using ContentPipeline.Running;

namespace ContentPipeline.Cli.Commands;

/// <summary><c>contentpipeline run</c>: the main job.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter stdout)
    {
        var config = CommonOptions.Config();
        var input = CommonOptions.Input();
        var output = CommonOptions.Output();
        var stage = new Option<string?>("--stage") { Description = "Re-run one stage from the persisted output of the stage before it." };
        var from = new Option<string?>("--from") { Description = "First stage to run (default: ingest)." };
        var to = new Option<string?>("--to") { Description = "Last stage to run (default: publish)." };
        var command = new Command("run", $"Run the pipeline ({StageCatalog.Names}) on the input folder.")
        {
            config, input, output, stage, from, to,
        };
        command.SetAction(parse =>
        {
            var cfg = CommonOptions.Load(parse.GetValue(config)!, parse.GetValue(input), parse.GetValue(output));
            var stages = StageCatalog.Select(parse.GetValue(stage), parse.GetValue(from), parse.GetValue(to));
            stdout.WriteLine($"contentpipeline {PipelineRunner.CodeVersion}: {cfg.Input} → {cfg.Output}");
            var record = new PipelineRunner(cfg, stdout).Run(stages);
            PrintSummary(stdout, record);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void PrintSummary(TextWriter w, RunRecord record)
    {
        w.WriteLine();
        w.WriteLine($"{"stage",-10} {"in",8} {"out",8} {"rejects",8} {"seconds",8}  notes");
        foreach (var s in record.Stages)
        {
            var notes = string.Join(", ", s.Counts.Select(kv => $"{kv.Key.Replace('_', ' ')} {kv.Value}"));
            w.WriteLine($"{s.Stage,-10} {s.ItemsIn,8} {s.ItemsOut,8} {s.Rejects,8} {s.Seconds,8:0.000}  {notes}");
        }
        w.WriteLine($"run {record.RunId} {record.Status} in {record.Seconds:0.000} s; record: {Path.Combine(record.Output, "_runs", record.RunId + ".json")}");
    }
}
