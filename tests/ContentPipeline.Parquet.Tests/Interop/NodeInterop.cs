using System.Diagnostics;
using System.Text;

namespace ContentPipeline.Parquet.Tests.Interop;

/// <summary>
/// Runs the Node.js side of the interop tests (<c>tests/interop/*.mjs</c>): finds node and npm on PATH, installs the
/// locked packages with <c>npm ci</c> once when <c>node_modules</c> is missing (serialised across tests and test
/// processes), and runs scripts with a time limit.
/// </summary>
public static class NodeInterop
{
    /// <summary>Why node tests are skipped: only when no node executable is on PATH; null (run) otherwise.</summary>
    public static string? SkipReason { get; } =
        FindOnPath("node") is null ? "node not found on PATH (install Node.js >= 20 to run the Parquet interop tests)" : null;

    private static readonly string[] RequiredPackages =
        ["@duckdb/node-api", "hyparquet", "hyparquet-compressors", "parquet-wasm", "apache-arrow"];

    private static readonly object InstallGate = new();
    private static bool installed;

    /// <summary>The folder holding package.json and the scripts (found by walking up from the test binaries).</summary>
    public static string InteropDirectory { get; } = LocateInteropDirectory();

    /// <summary>Full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        string? path = Environment.GetEnvironmentVariable("PATH");
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        string[] candidates = OperatingSystem.IsWindows() ? [name + ".exe", name + ".cmd", name] : [name];
        foreach (string dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string candidate in candidates)
            {
                string full = Path.Combine(dir, candidate);
                if (File.Exists(full))
                {
                    return full;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Makes sure <c>tests/interop/node_modules</c> holds every package the scripts import, running <c>npm ci</c> when
    /// one is missing. Serialised by a lock inside this process and by an exclusive lock file across processes.
    /// </summary>
    public static void EnsurePackages()
    {
        lock (InstallGate)
        {
            if (installed)
            {
                return;
            }

            using (AcquireFileLock(Path.Combine(InteropDirectory, ".npm-ci.lock")))
            {
                if (!PackagesPresent())
                {
                    string npm = FindOnPath("npm")
                        ?? throw new InvalidOperationException(
                            $"node is on PATH but npm is not, and {InteropDirectory}/node_modules is missing: install npm or run `npm ci --prefix tests/interop`");
                    Run(npm, ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
                    if (!PackagesPresent())
                    {
                        throw new InvalidOperationException($"`npm ci` in {InteropDirectory} finished but packages are still missing");
                    }
                }
            }

            installed = true;
        }
    }

    /// <summary>Runs <c>node script args…</c> in the interop folder; throws with stdout/stderr when it fails.</summary>
    public static string RunScript(string script, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        EnsurePackages();
        string node = FindOnPath("node") ?? throw new InvalidOperationException("node not found on PATH");
        return Run(node, [Path.Combine(InteropDirectory, script), .. args], timeout ?? TimeSpan.FromMinutes(2));
    }

    private static bool PackagesPresent() =>
        RequiredPackages.All(p => File.Exists(Path.Combine(InteropDirectory, "node_modules", p, "package.json")));

    private static string Run(string file, IReadOnlyList<string> args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = InteropDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{file} {string.Join(' ', args)}` did not finish within {timeout}\n{stderr}");
        }

        process.WaitForExit(); // flush the async readers
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`{Path.GetFileName(file)} {string.Join(' ', args)}` exited with {process.ExitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        }

        return stdout.ToString();
    }

    private static IDisposable AcquireFileLock(string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(6);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
        }
    }

    private static string LocateInteropDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "interop");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"tests/interop/package.json not found above {AppContext.BaseDirectory}");
    }
}
