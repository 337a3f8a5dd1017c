using ContentPipeline.Ingest;

namespace ContentPipeline.Tests.Ingest;

/// <summary>The repository's raw/ corpus and the ingest fixtures, found by walking up to ContentPipeline.sln.</summary>
internal static class IngestTestFiles
{
    public static string RepoRoot { get; } = FindRoot();
    public static string Raw => Path.Combine(RepoRoot, "raw");
    public static string Fixture(string name) => Path.Combine(RepoRoot, "tests", "ContentPipeline.Tests", "Ingest", "Fixtures", name);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ContentPipeline.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ContentPipeline.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The single result of one raw/ file (whole-file formats).</summary>
    public static IngestResult One(string relativePath, IngestOptions? options = null) =>
        Assert.Single(new DocumentIngestor(options).IngestFile(Raw, relativePath));

    public static IngestedDocument Doc(string relativePath)
    {
        var r = One(relativePath);
        Assert.True(r.Kind == IngestResultKind.Document, r.ToString());
        return r.Document!;
    }

    /// <summary>A fresh temporary folder, deleted on dispose.</summary>
    public sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("cp-ingest-").FullName;

        public string Write(string relativePath, byte[] bytes)
        {
            var full = System.IO.Path.Combine(Path, relativePath);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, bytes);
            return full;
        }

        public string Write(string relativePath, string text) => Write(relativePath, System.Text.Encoding.UTF8.GetBytes(text));

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }
}
