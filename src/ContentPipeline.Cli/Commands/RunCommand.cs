using System.CommandLine;

namespace ContentPipeline.Cli.Commands;

// Placeholder until the owning work item lands; replaced, not extended.
internal static class RunCommand
{
    public static Command Create(TextWriter stdout)
    {
        var command = new Command("run", "(not yet implemented)");
        command.SetAction(_ => { stdout.WriteLine("not yet implemented"); return ExitCodes.RunFailed; });
        return command;
    }
}
