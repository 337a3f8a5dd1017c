namespace ContentPipeline.Running;

/// <summary>
/// An exclusive lock on an output folder, so two scheduled runs never write the same datasets. It is an OS file
/// lock (flock on Linux) on <c>out/.lock</c>: a killed run releases it automatically, so no stale lock survives.
/// </summary>
public sealed class OutputLock : IDisposable
{
    public const string FileName = ".lock";
    private readonly FileStream _stream;

    private OutputLock(FileStream stream) => _stream = stream;

    public static OutputLock Acquire(string outputDir, string runId)
    {
        Directory.CreateDirectory(outputDir);
        var path = Path.Combine(outputDir, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            var holder = TryReadHolder(path);
            throw new ContentPipelineException(
                $"another run is writing to '{outputDir}'{holder}. Wait for it to finish, or use another --output folder.",
                ExitCodes.Locked);
        }
        // Who holds the lock, for the message a second run prints (the locked file itself cannot be read).
        File.WriteAllText(path + ".holder", $"pid {Environment.ProcessId}, run {runId}, since {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}");
        return new OutputLock(stream);
    }

    private static string TryReadHolder(string path)
    {
        try
        {
            var text = File.ReadAllText(path + ".holder").Trim();
            return text.Length > 0 ? $" ({text})" : "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    public void Dispose() => _stream.Dispose();
}
