namespace ContentPipeline.Tests;

/// <summary>Locates the repository (the folder holding ContentPipeline.sln) from the test binaries.</summary>
public static class RepoPaths
{
    public static string Root { get; } = Find();

    public static string Raw => Path.Combine(Root, "raw");

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ContentPipeline.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ContentPipeline.sln not found above " + AppContext.BaseDirectory);
    }
}
