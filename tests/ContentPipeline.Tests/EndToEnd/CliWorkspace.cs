using System.Diagnostics;
using ContentPipeline.Cli;
using ContentPipeline.Parquet.Serialization;

namespace ContentPipeline.Tests.EndToEnd;

/// <summary>A temporary copy of raw/ with its own pipeline.yaml and output folder; runs the CLI in-process or as a child process.</summary>
public sealed class CliWorkspace : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "cp-e2e-" + Guid.NewGuid().ToString("N")[..8]);
    public string Input => Path.Combine(Root, "raw");
    public string Output => Path.Combine(Root, "out");
    public string Config => Path.Combine(Root, "pipeline.yaml");

    public CliWorkspace(string? yaml = null)
    {
        CopyDirectory(RepoPaths.Raw, Input);
        // The repository's pipeline.yaml, with its model path pointing back into the repository.
        File.WriteAllText(Config, yaml ?? File.ReadAllText(Path.Combine(RepoPaths.Root, "pipeline.yaml"))
            .Replace("model: pipelines/", $"model: {RepoPaths.Root}/pipelines/"));
    }

    public (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Run(WithConfig(args), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the CLI in a child process, as cron would; an environment variable can inject a crash.</summary>
    public (int ExitCode, string Stdout, string Stderr) RunProcess(IDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ContentPipeline.Cli.dll"));
        foreach (var a in WithConfig(args)) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private string[] WithConfig(string[] args) =>
        args.Length > 0 && args[0] is "run" or "stages" ? [.. args, "--config", Config] : args;

    public List<T> Read<T>(string file) where T : new()
    {
        using var stream = File.OpenRead(Path.Combine(Output, file));
        return ParquetSerializer.Deserialize<T>(stream).ToList();
    }

    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}
