namespace ContentPipeline;

/// <summary>
/// An error the user can cause and fix (bad config, missing folder, locked output, corrupt model).
/// The CLI prints <see cref="Exception.Message"/> without a stack trace and exits with <see cref="ExitCode"/>.
/// </summary>
public class ContentPipelineException(string message, int exitCode = ExitCodes.RunFailed, Exception? inner = null)
    : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>Process exit codes, documented in the README.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int RunFailed = 1;
    public const int BadConfigOrUsage = 2;
    public const int Locked = 3;
}
