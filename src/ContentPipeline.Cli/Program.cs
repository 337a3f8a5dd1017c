using System.CommandLine;
using ContentPipeline.Cli.Commands;

namespace ContentPipeline.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Entry point shared with the end-to-end tests, which run the CLI in-process.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("ContentPipeline: scraped essays and articles in, clean Parquet datasets out.");
        // One line per command; each command lives in Commands/<Name>Command.cs.
        foreach (var command in new[]
                 {
                     RunCommand.Create(stdout),
                     StagesCommand.Create(stdout),
                     InspectCommand.Create(stdout),
                     SegmentCommand.Create(stdout),
                     TrainCommand.Create(stdout),
                     EvaluateCommand.Create(stdout),
                     ClassifyCommand.Create(stdout),
                 })
        {
            root.Subcommands.Add(command);
        }
        return CommandRunner.Invoke(root, args, stdout, stderr);
    }
}
