using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ContentPipeline.Config;

/// <summary>
/// The whole pipeline configuration, as read from pipeline.yaml and overridden on the command line.
/// Paths are absolute (resolved against the config file's folder).
/// </summary>
public sealed record PipelineConfig
{
    /// <summary>Where the configuration came from, for messages and the run record.</summary>
    public string SourceFile { get; init; } = "<defaults>";
    public string Input { get; init; } = "raw";
    public string Output { get; init; } = "out";
    public IngestSettings Ingest { get; init; } = new();
    public NormaliseSettings Normalise { get; init; } = new();
    public SegmentSettings Segment { get; init; } = new();
    public ClassifySettings Classify { get; init; } = new();
    public PublishSettings Publish { get; init; } = new();

    /// <summary>Short, stable hash of a settings object: part of each stage's fingerprint.</summary>
    public static string HashOf<T>(T settings)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(settings);
        return Convert.ToHexStringLower(SHA256.HashData(json))[..16];
    }

    /// <summary>Hash of every setting that shapes the outputs (not input/output paths).</summary>
    public string Hash() => HashOf(new { Ingest, Normalise, Segment, Classify, Publish });
}

public sealed record IngestSettings
{
    public List<string> MarkdownExtensions { get; init; } = [".md", ".markdown"];
    public List<string> TextExtensions { get; init; } = [".txt"];
    public List<string> HtmlExtensions { get; init; } = [".html", ".htm"];
    public List<string> JsonlExtensions { get; init; } = [".jsonl"];
    /// <summary>Files above this size are rejected rather than read.</summary>
    public long MaxFileBytes { get; init; } = 50L * 1024 * 1024;
}

public sealed record NormaliseSettings
{
    /// <summary>NFC, NFKC, NFD, NFKD or none.</summary>
    public string UnicodeForm { get; init; } = "NFC";
    /// <summary>Full-width ASCII letters and digits (Ａ１) to half-width; punctuation is left alone.</summary>
    public bool FullwidthToHalfwidth { get; init; } = true;
    public bool RemoveZeroWidth { get; init; } = true;
    public bool CollapseWhitespace { get; init; } = true;
    public bool DecodeEntities { get; init; } = true;
    /// <summary>Reduce Markdown inline markup (emphasis, links, images, comments) to its text.</summary>
    public bool StripMarkdown { get; init; } = true;
}

public sealed record SegmentSettings
{
    /// <summary>Use jieba's HMM for words missing from the dictionary.</summary>
    public bool Hmm { get; init; } = true;
    /// <summary>Optional jieba user dictionary (word [freq] [tag] per line).</summary>
    public string? UserDict { get; init; }
}

public sealed record ClassifySettings
{
    /// <summary>Trained boilerplate model; when null every block is labelled content with a null probability.</summary>
    public string? Model { get; init; }
    /// <summary>A block is boilerplate when its probability of being boilerplate is at least this.</summary>
    public double Threshold { get; init; } = 0.5;
}

public sealed record PublishSettings
{
    /// <summary>snappy, gzip, brotli or none.</summary>
    public string Compression { get; init; } = "snappy";
    /// <summary>Target uncompressed size of a row group.</summary>
    public long RowGroupBytes { get; init; } = 64L * 1024 * 1024;
}
