using System.CommandLine;
using ContentPipeline.Parquet;

namespace ContentPipeline.Cli.Commands;

/// <summary>Parses, invokes, and turns user-caused errors into a message and an exit code (never a stack trace).</summary>
internal static class CommandRunner
{
    public static int Invoke(RootCommand root, string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) stderr.WriteLine($"error: {error.Message}");
            stderr.WriteLine("Run 'contentpipeline --help' for usage.");
            return ExitCodes.BadConfigOrUsage;
        }
        try
        {
            return parse.Invoke(config);
        }
        catch (ContentPipelineException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
        catch (ParquetFormatException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.RunFailed;
        }
        catch (FileNotFoundException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.BadConfigOrUsage;
        }
    }
}
