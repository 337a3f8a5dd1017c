namespace ContentPipeline.Learning;

/// <summary>
/// A model file that cannot be used: missing, truncated, corrupt, or written by an incompatible format
/// version. The message names the file and says what to do.
/// </summary>
public sealed class ModelFormatException : Exception
{
    public ModelFormatException(string path, string problem, Exception? inner = null)
        : base($"model file '{path}' {problem}; retrain the model and save it again with this version", inner)
    {
        Path = path;
        Problem = problem;
    }

    public string Path { get; }
    public string Problem { get; }
}
