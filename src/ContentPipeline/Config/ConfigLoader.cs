using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ContentPipeline.Config;

/// <summary>
/// Reads pipeline.yaml strictly: an unknown key or a value of the wrong type stops the run before anything
/// is written, with a message naming the file, line and key.
/// </summary>
public static class ConfigLoader
{
    public const string DefaultFileName = "pipeline.yaml";

    public static PipelineConfig Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new ContentPipelineException(
                $"config file '{path}' not found. Pass --config FILE or run from the folder holding {DefaultFileName}.",
                ExitCodes.BadConfigOrUsage);
        return Parse(File.ReadAllText(full), full);
    }

    /// <summary>Parses YAML text; relative paths resolve against the folder of <paramref name="sourceFile"/>.</summary>
    public static PipelineConfig Parse(string yaml, string sourceFile)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw Error(sourceFile, e.Start.Line, $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }

        var baseDir = Path.GetDirectoryName(Path.GetFullPath(sourceFile)) ?? ".";
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return Resolve(new PipelineConfig { SourceFile = sourceFile }, baseDir);
        if (stream.Documents[0].RootNode is not YamlMappingNode rootNode)
            throw Error(sourceFile, stream.Documents[0].RootNode.Start.Line, "the top level must be a mapping of keys (input, output, ingest, ...)");

        var root = new ConfigSection(sourceFile, "", rootNode);
        var defaults = new PipelineConfig();
        var config = new PipelineConfig
        {
            SourceFile = sourceFile,
            Input = root.String("input") ?? defaults.Input,
            Output = root.String("output") ?? defaults.Output,
            Ingest = ReadIngest(root.Section("ingest")),
            Normalise = ReadNormalise(root.Section("normalise")),
            Segment = ReadSegment(root.Section("segment")),
            Classify = ReadClassify(root.Section("classify")),
            Publish = ReadPublish(root.Section("publish")),
        };
        root.RejectUnknownKeys();
        return Resolve(config, baseDir);
    }

    private static PipelineConfig Resolve(PipelineConfig c, string baseDir) => c with
    {
        Input = Path.GetFullPath(c.Input, baseDir),
        Output = Path.GetFullPath(c.Output, baseDir),
        Segment = c.Segment with { UserDict = c.Segment.UserDict is null ? null : Path.GetFullPath(c.Segment.UserDict, baseDir) },
        Classify = c.Classify with { Model = c.Classify.Model is null ? null : Path.GetFullPath(c.Classify.Model, baseDir) },
    };

    private static IngestSettings ReadIngest(ConfigSection? s)
    {
        var d = new IngestSettings();
        if (s is null) return d;
        var r = new IngestSettings
        {
            MarkdownExtensions = s.Extensions("markdown_extensions") ?? d.MarkdownExtensions,
            TextExtensions = s.Extensions("text_extensions") ?? d.TextExtensions,
            HtmlExtensions = s.Extensions("html_extensions") ?? d.HtmlExtensions,
            JsonlExtensions = s.Extensions("jsonl_extensions") ?? d.JsonlExtensions,
            MaxFileBytes = s.Long("max_file_bytes", min: 1) ?? d.MaxFileBytes,
        };
        s.RejectUnknownKeys();
        return r;
    }

    private static NormaliseSettings ReadNormalise(ConfigSection? s)
    {
        var d = new NormaliseSettings();
        if (s is null) return d;
        var r = new NormaliseSettings
        {
            UnicodeForm = s.Choice("unicode_form", ["NFC", "NFKC", "NFD", "NFKD", "none"]) ?? d.UnicodeForm,
            FullwidthToHalfwidth = s.Bool("fullwidth_to_halfwidth") ?? d.FullwidthToHalfwidth,
            RemoveZeroWidth = s.Bool("remove_zero_width") ?? d.RemoveZeroWidth,
            CollapseWhitespace = s.Bool("collapse_whitespace") ?? d.CollapseWhitespace,
            DecodeEntities = s.Bool("decode_entities") ?? d.DecodeEntities,
            StripMarkdown = s.Bool("strip_markdown") ?? d.StripMarkdown,
        };
        s.RejectUnknownKeys();
        return r;
    }

    private static SegmentSettings ReadSegment(ConfigSection? s)
    {
        var d = new SegmentSettings();
        if (s is null) return d;
        var r = new SegmentSettings { Hmm = s.Bool("hmm") ?? d.Hmm, UserDict = s.String("user_dict") };
        s.RejectUnknownKeys();
        return r;
    }

    private static ClassifySettings ReadClassify(ConfigSection? s)
    {
        var d = new ClassifySettings();
        if (s is null) return d;
        var r = new ClassifySettings
        {
            Model = s.String("model"),
            Threshold = s.Double("threshold", 0, 1) ?? d.Threshold,
        };
        s.RejectUnknownKeys();
        return r;
    }

    private static PublishSettings ReadPublish(ConfigSection? s)
    {
        var d = new PublishSettings();
        if (s is null) return d;
        var r = new PublishSettings
        {
            Compression = s.Choice("compression", ["snappy", "gzip", "brotli", "none"]) ?? d.Compression,
            RowGroupBytes = s.Long("row_group_bytes", min: 1024) ?? d.RowGroupBytes,
        };
        s.RejectUnknownKeys();
        return r;
    }

    private static ContentPipelineException Error(string file, long line, string message) =>
        new($"{file}:{line}: {message}", ExitCodes.BadConfigOrUsage);

    /// <summary>One mapping of the YAML file; remembers which keys were read so the rest can be reported.</summary>
    private sealed class ConfigSection(string file, string path, YamlMappingNode node)
    {
        private readonly HashSet<string> _read = [];

        private YamlNode? Get(string key)
        {
            _read.Add(key);
            foreach (var (k, v) in node.Children)
                if (k is YamlScalarNode { Value: var name } && name == key) return v;
            return null;
        }

        private string Key(string key) => path.Length == 0 ? key : $"{path}.{key}";

        private static bool IsNull(YamlNode n) =>
            n is YamlScalarNode { Value: null or "" or "~" or "null" } scalar && scalar.Style == ScalarStyle.Plain;

        public ConfigSection? Section(string key)
        {
            var n = Get(key);
            if (n is null || IsNull(n)) return null;
            if (n is not YamlMappingNode map) throw Error(file, n.Start.Line, $"'{Key(key)}' must be a mapping of settings");
            return new ConfigSection(file, Key(key), map);
        }

        public string? String(string key)
        {
            var n = Get(key);
            if (n is null || IsNull(n)) return null;
            if (n is not YamlScalarNode s) throw Error(file, n.Start.Line, $"'{Key(key)}' must be a single value, not a list or mapping");
            return s.Value;
        }

        public bool? Bool(string key)
        {
            var v = String(key);
            if (v is null) return null;
            return v.ToLowerInvariant() switch
            {
                "true" or "yes" or "on" => true,
                "false" or "no" or "off" => false,
                _ => throw Error(file, Get(key)!.Start.Line, $"'{Key(key)}' must be true or false, got '{v}'"),
            };
        }

        public long? Long(string key, long min)
        {
            var v = String(key);
            if (v is null) return null;
            if (!long.TryParse(v.Replace("_", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var x) || x < min)
                throw Error(file, Get(key)!.Start.Line, $"'{Key(key)}' must be a whole number of at least {min}, got '{v}'");
            return x;
        }

        public double? Double(string key, double min, double max)
        {
            var v = String(key);
            if (v is null) return null;
            if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || x < min || x > max)
                throw Error(file, Get(key)!.Start.Line, $"'{Key(key)}' must be a number from {min} to {max}, got '{v}'");
            return x;
        }

        public string? Choice(string key, string[] allowed)
        {
            var v = String(key);
            if (v is null) return null;
            foreach (var a in allowed)
                if (string.Equals(a, v, StringComparison.OrdinalIgnoreCase)) return a;
            throw Error(file, Get(key)!.Start.Line, $"'{Key(key)}' must be one of {string.Join(", ", allowed)}, got '{v}'");
        }

        public List<string>? Extensions(string key)
        {
            var n = Get(key);
            if (n is null || IsNull(n)) return null;
            if (n is not YamlSequenceNode seq) throw Error(file, n.Start.Line, $"'{Key(key)}' must be a list such as [.md, .markdown]");
            var list = new List<string>();
            foreach (var item in seq.Children)
            {
                if (item is not YamlScalarNode { Value: { Length: > 1 } ext } || ext[0] != '.')
                    throw Error(file, item.Start.Line, $"'{Key(key)}' entries must be extensions starting with '.', such as .md");
                list.Add(ext.ToLowerInvariant());
            }
            return list;
        }

        public void RejectUnknownKeys()
        {
            foreach (var (k, _) in node.Children)
            {
                var name = (k as YamlScalarNode)?.Value ?? "?";
                if (_read.Contains(name)) continue;
                var known = string.Join(", ", _read.Order(StringComparer.Ordinal));
                throw Error(file, k.Start.Line, $"unknown key '{Key(name)}'. Known keys here: {known}. Check the spelling (see README, 'pipeline.yaml reference').");
            }
        }
    }
}
