using System.Globalization;
using ContentPipeline.Learning.Features;
using ContentPipeline.Learning.Model;
using ContentPipeline.Learning.Trainers;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ContentPipeline.Classify;

/// <summary>
/// Settings of <c>contentpipeline train</c>, read strictly from <c>pipelines/boilerplate/train.yaml</c>: an unknown
/// key or a bad value stops with the file, line and key. Paths are resolved against the file's folder.
/// </summary>
public sealed record TrainingConfig
{
    public const string DefaultPath = "pipelines/boilerplate/train.yaml";

    public string SourceFile { get; init; } = "<defaults>";
    /// <summary>Folder of the labelled corpus (.md/.txt/.html with label markers).</summary>
    public string Corpus { get; init; } = "corpus";
    /// <summary>Where the model goes; metrics.json is written beside it.</summary>
    public string Output { get; init; } = "model/boilerplate.model";
    public int Folds { get; init; } = 5;
    public int Seed { get; init; } = 42;
    /// <summary>Threshold on the smoothed probability used for the reported metrics (the pipeline's classify.threshold).</summary>
    public double Threshold { get; init; } = 0.5;
    /// <summary>How many of the worst out-of-fold blocks the train command prints (for label review and error analysis).</summary>
    public int WorstBlocks { get; init; } = 0;
    public BlockClassificationTrainer.Options Trainer { get; init; } = new();

    public string MetricsPath => Path.Combine(Path.GetDirectoryName(Output) ?? ".", "metrics.json");

    public static TrainingConfig Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new ContentPipelineException($"training config '{path}' not found. Pass --config FILE (default {DefaultPath}, run from the repository root).", ExitCodes.BadConfigOrUsage);
        return Parse(File.ReadAllText(full), full);
    }

    public static TrainingConfig Parse(string yaml, string sourceFile)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlException e) { throw Error(sourceFile, e.Start.Line, "", $"not valid YAML: {e.InnerException?.Message ?? e.Message}"); }
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(sourceFile)) ?? ".";
        var d = new TrainingConfig();
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode rootNode)
            return d with { SourceFile = sourceFile, Corpus = Path.GetFullPath(d.Corpus, baseDir), Output = Path.GetFullPath(d.Output, baseDir) };
        var root = new Section(sourceFile, "", rootNode);
        var feat = root.Child("featurizer");
        var first = root.Child("first_stage");
        var second = root.Child("second_stage");
        var trees = root.Child("context_trees");
        var dt = d.Trainer;
        var df = dt.Featurizer;
        var featurizer = new FeaturizerOptions
        {
            HashBits = (int)(feat?.Number("hash_bits", 8, 24) ?? df.HashBits),
            WordNgramLength = (int)(feat?.Number("word_ngrams", 0, 3) ?? df.WordNgramLength),
            EdgeTokens = (int)(feat?.Number("edge_tokens", 0, 4) ?? df.EdgeTokens),
            CjkCharNgramMinLength = (int)(feat?.Number("cjk_char_ngram_min", 1, 4) ?? df.CjkCharNgramMinLength),
            CjkCharNgramMaxLength = (int)(feat?.Number("cjk_char_ngram_max", 0, 4) ?? df.CjkCharNgramMaxLength),
            LatinCharNgramMinLength = (int)(feat?.Number("latin_char_ngram_min", 1, 4) ?? df.LatinCharNgramMinLength),
            LatinCharNgramMaxLength = (int)(feat?.Number("latin_char_ngram_max", 0, 4) ?? df.LatinCharNgramMaxLength),
            MaximumCharsForCharNgrams = (int)(feat?.Number("max_chars_for_char_ngrams", 0, 100_000) ?? df.MaximumCharsForCharNgrams),
            LogScaleCounts = feat?.Bool("log_scale_counts") ?? df.LogScaleCounts,
            NormalizeText = feat?.Bool("normalize_text") ?? df.NormalizeText,
            TextFeatureScale = (float)(feat?.Number("text_feature_scale", 0, 100) ?? df.TextFeatureScale),
        };
        feat?.RejectUnknownKeys();
        LbfgsLogisticRegressionBinaryTrainer.Options Stage(Section? s, LbfgsLogisticRegressionBinaryTrainer.Options o)
        {
            var result = o with
            {
                L2Regularization = (float)(s?.Number("l2", 0, 1e6) ?? o.L2Regularization),
                OptimizationTolerance = s?.Number("tolerance", 0, 1) ?? o.OptimizationTolerance,
                MaximumNumberOfIterations = (int)(s?.Number("max_iterations", 1, 100_000) ?? o.MaximumNumberOfIterations),
                HistorySize = (int)(s?.Number("history", 1, 100) ?? o.HistorySize),
            };
            s?.RejectUnknownKeys();
            return result;
        }
        FastTreeBinaryTrainer.Options? contextTrees = dt.ContextTrees;
        float contentLengthExponent = dt.ContextTreeContentLengthExponent;
        if (trees is not null)
        {
            contentLengthExponent = (float)(trees.Number("content_length_exponent", 0, 2) ?? contentLengthExponent);
            var o = contextTrees ?? new FastTreeBinaryTrainer.Options();
            contextTrees = trees.Bool("enabled") == false ? null : o with
            {
                NumberOfTrees = (int)(trees.Number("trees", 1, 100_000) ?? o.NumberOfTrees),
                NumberOfLeaves = (int)(trees.Number("leaves", 2, 4096) ?? o.NumberOfLeaves),
                MinimumExampleCountPerLeaf = (int)(trees.Number("min_leaf", 1, 1_000_000) ?? o.MinimumExampleCountPerLeaf),
                LearningRate = (float)(trees.Number("learning_rate", 1e-6, 10) ?? o.LearningRate),
                MaximumBinCountPerFeature = (int)(trees.Number("bins", 2, 65_536) ?? o.MaximumBinCountPerFeature),
                L2Regularization = (float)(trees.Number("l2", 0, 1e6) ?? o.L2Regularization),
                FeatureFraction = (float)(trees.Number("feature_fraction", 0.01, 1) ?? o.FeatureFraction),
                BaggingFraction = (float)(trees.Number("bagging_fraction", 0.01, 1) ?? o.BaggingFraction),
            };
            trees.RejectUnknownKeys();
        }
        var config = new TrainingConfig
        {
            SourceFile = sourceFile,
            Corpus = Path.GetFullPath(root.String("corpus") ?? d.Corpus, baseDir),
            Output = Path.GetFullPath(root.String("output") ?? d.Output, baseDir),
            Folds = (int)(root.Number("folds", 2, 100) ?? d.Folds),
            Seed = (int)(root.Number("seed", 0, int.MaxValue) ?? d.Seed),
            Threshold = root.Number("threshold", 0, 1) ?? d.Threshold,
            WorstBlocks = (int)(root.Number("print_worst", 0, 100_000) ?? d.WorstBlocks),
            Trainer = dt with
            {
                Featurizer = featurizer,
                FirstStage = Stage(first, dt.FirstStage),
                SecondStage = Stage(second, dt.SecondStage),
                NumberOfInnerFolds = (int)(root.Number("inner_folds", 2, 100) ?? dt.NumberOfInnerFolds),
                UseSequenceSmoothing = root.Bool("smoothing") ?? dt.UseSequenceSmoothing,
                ContentWeight = (float)(root.Number("content_weight", 0.01, 1000) ?? dt.ContentWeight),
                TextStage = root.Bool("text_stage") ?? dt.TextStage,
                ContextTrees = contextTrees,
                ContextTreeContentLengthExponent = contentLengthExponent,
            },
        };
        config = config with { Trainer = config.Trainer with { Seed = config.Seed, DecisionThreshold = (float)config.Threshold } };
        root.RejectUnknownKeys();
        try { featurizer.Validate(); }
        catch (ArgumentException e) { throw Error(sourceFile, feat?.Line ?? 1, "featurizer", e.Message); }
        return config;
    }

    private static ContentPipelineException Error(string file, long line, string key, string message) =>
        new($"{file}:{line}: {(key.Length > 0 ? key + ": " : "")}{message}", ExitCodes.BadConfigOrUsage);

    private sealed class Section(string file, string path, YamlMappingNode node)
    {
        private readonly HashSet<string> _read = [];
        public long Line => node.Start.Line;

        private YamlNode? Get(string key)
        {
            _read.Add(key);
            foreach (var (k, v) in node.Children)
                if (k is YamlScalarNode s && s.Value == key) return v;
            return null;
        }

        private string Key(string key) => path.Length == 0 ? key : path + "." + key;

        private string? Scalar(string key)
        {
            var v = Get(key);
            if (v is null) return null;
            if (v is not YamlScalarNode s) throw Error(file, v.Start.Line, Key(key), "expected a single value");
            return s.Value;
        }

        public Section? Child(string key)
        {
            var v = Get(key);
            if (v is null || v is YamlScalarNode { Value: null or "" }) return null;
            if (v is not YamlMappingNode m) throw Error(file, v.Start.Line, Key(key), "expected a mapping of keys");
            return new Section(file, Key(key), m);
        }

        public string? String(string key) => Scalar(key);

        public bool? Bool(string key)
        {
            var s = Scalar(key);
            if (s is null) return null;
            return s switch
            {
                "true" or "True" or "yes" => true,
                "false" or "False" or "no" => false,
                _ => throw Error(file, Get(key)!.Start.Line, Key(key), $"'{s}' is not true or false"),
            };
        }

        public double? Number(string key, double min, double max)
        {
            var s = Scalar(key);
            if (s is null) return null;
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
                throw Error(file, Get(key)!.Start.Line, Key(key), $"'{s}' is not a number between {min} and {max}");
            return v;
        }

        public void RejectUnknownKeys()
        {
            foreach (var (k, _) in node.Children)
                if (k is YamlScalarNode s && s.Value is { } name && !_read.Contains(name))
                    throw Error(file, k.Start.Line, Key(name), $"unknown key (known: {string.Join(", ", _read.Order(StringComparer.Ordinal))})");
        }
    }
}
