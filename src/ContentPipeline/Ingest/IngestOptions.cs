namespace ContentPipeline.Ingest;

/// <summary>Input formats an extension can map to: the three document formats plus JSONL record files.</summary>
public static class InputFormats
{
    public const string Markdown = SourceFormats.Markdown;
    public const string Text = SourceFormats.Text;
    public const string Html = SourceFormats.Html;
    /// <summary>One JSON object per line, each a scraped record with <c>html</c> or <c>text</c>.</summary>
    public const string Jsonl = "jsonl";

    public static bool IsKnown(string format) => format is Markdown or Text or Html or Jsonl;
}

/// <summary>What <see cref="DocumentIngestor"/> reads and how.</summary>
public sealed class IngestOptions
{
    public const long DefaultMaxFileBytes = 50L * 1024 * 1024;

    /// <summary>File extension (with the dot, case-insensitive) → input format (<see cref="InputFormats"/>).</summary>
    public Dictionary<string, string> Extensions { get; init; } = DefaultExtensions();

    /// <summary>Files larger than this are rejected as <c>too_large</c>; for JSONL the limit applies per line.</summary>
    public long MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    /// <summary>Encodings tried, in order, when there is no BOM and no declared charset. UTF-8 is always tried first.</summary>
    public IReadOnlyList<string> FallbackEncodings { get; init; } = ["utf-8", "gb18030", "big5"];

    public static IngestOptions Default { get; } = new();

    public static Dictionary<string, string> DefaultExtensions() => new(StringComparer.OrdinalIgnoreCase)
    {
        [".md"] = InputFormats.Markdown,
        [".markdown"] = InputFormats.Markdown,
        [".txt"] = InputFormats.Text,
        [".html"] = InputFormats.Html,
        [".htm"] = InputFormats.Html,
        [".jsonl"] = InputFormats.Jsonl,
    };

    /// <summary>The input format of <paramref name="relativePath"/>, or null when its extension is not configured.</summary>
    public string? FormatOf(string relativePath)
    {
        var ext = Path.GetExtension(relativePath);
        if (string.IsNullOrEmpty(ext)) return null;
        if (Extensions.TryGetValue(ext, out var f)) return f;
        // Tolerate a case-sensitive dictionary handed in by a caller.
        foreach (var (k, v) in Extensions)
            if (string.Equals(k, ext, StringComparison.OrdinalIgnoreCase)) return v;
        return null;
    }
}
