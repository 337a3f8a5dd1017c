namespace ContentPipeline.Benchmarks;

/// <summary>Finds a file or folder of the repository from the benchmark's output folder, wherever it was built.</summary>
public static class RepositoryPaths
{
    /// <summary>The committed boilerplate model, as the main job uses it.</summary>
    public static string ShippedModel => Find("pipelines/boilerplate/model/boilerplate.model");

    /// <summary>The full path of <paramref name="relative"/> (e.g. "pipelines/boilerplate") in the nearest folder above
    /// the running benchmark that has it.</summary>
    public static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, relative);
            if (File.Exists(path) || Directory.Exists(path)) return path;
        }
        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}
