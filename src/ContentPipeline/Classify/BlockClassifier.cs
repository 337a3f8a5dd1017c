using System.Security.Cryptography;
using ContentPipeline.Learning;
using ContentPipeline.Learning.Data;
using ContentPipeline.Learning.Model;
using ContentPipeline.Segment;

namespace ContentPipeline.Classify;

/// <summary>
/// The classify stage's labeler: maps a document's <see cref="SegmentedBlock"/>s to the Learning library's
/// input, predicts with the trained model (features, context model, calibration, HMM smoothing) and labels a
/// block boilerplate when its smoothed probability is at least the configured threshold.
/// Used from one thread at a time (it owns one prediction engine).
/// </summary>
public sealed class BlockClassifier : IBlockLabeler, IDisposable
{
    private readonly BlockPredictionEngine _engine;
    private BlockPrediction[] _predictions = new BlockPrediction[256];

    public BlockClassifier(BlockClassificationModel model, double threshold, string version)
    {
        if (!(threshold >= 0 && threshold <= 1))
            throw new ContentPipelineException($"classify.threshold: {threshold} is not a probability; use a value between 0 and 1.", ExitCodes.BadConfigOrUsage);
        Model = model;
        Threshold = (float)threshold;
        Version = version;
        _engine = model.CreatePredictionEngine();
    }

    public BlockClassificationModel Model { get; }
    public float Threshold { get; }
    /// <summary>First 16 hex characters of the model file's SHA-256.</summary>
    public string Version { get; }

    /// <summary>Loads a model file; a missing, corrupt or outdated file is a user error with a fix.</summary>
    public static BlockClassifier Load(string modelPath, double threshold)
    {
        if (!File.Exists(modelPath))
            throw new ContentPipelineException($"classify.model: model file '{modelPath}' not found. Train one with `contentpipeline train` or fix the path.", ExitCodes.BadConfigOrUsage);
        var model = LoadModel(modelPath);
        return new BlockClassifier(model, threshold, FileVersion(modelPath));
    }

    /// <summary>First 16 hex characters of the SHA-256 of a model file (part of the classify stage's fingerprint).</summary>
    public static string FileVersion(string modelPath)
    {
        if (!File.Exists(modelPath))
            throw new ContentPipelineException($"classify.model: model file '{modelPath}' not found. Train one with `contentpipeline train` or fix the path.", ExitCodes.BadConfigOrUsage);
        return Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(modelPath)))[..16];
    }

    /// <summary><see cref="BlockClassificationModel.Load"/> with errors turned into a message that says what to do.</summary>
    public static BlockClassificationModel LoadModel(string modelPath)
    {
        try { return BlockClassificationModel.Load(modelPath); }
        catch (ModelFormatException e)
        {
            throw new ContentPipelineException($"model file '{modelPath}' {e.Problem}. Retrain it with `contentpipeline train` (pipelines/boilerplate/train.yaml).", ExitCodes.BadConfigOrUsage, e);
        }
    }

    /// <summary>The Learning library's view of a segmented document.</summary>
    public static TextDocument ToDocument(string key, IReadOnlyList<SegmentedBlock> blocks)
    {
        var list = new TextBlock[blocks.Count];
        for (int i = 0; i < blocks.Count; i++)
        {
            var b = blocks[i];
            list[i] = new TextBlock(b.Text, TextBlock.ParseKind(b.Kind), TextBlock.ParseLanguage(b.Language), b.Tokens, b.LinkDensity, b.Container);
        }
        return new TextDocument(key, list);
    }

    public void Label(IReadOnlyList<SegmentedBlock> document, List<BlockLabel> labels)
    {
        if (document.Count == 0) return;
        var doc = ToDocument(document[0].DocId, document);
        if (_predictions.Length < doc.Count) _predictions = new BlockPrediction[Math.Max(doc.Count, _predictions.Length * 2)];
        _engine.Predict(doc, _predictions, Threshold);
        for (int i = 0; i < document.Count; i++)
        {
            var p = _predictions[i];
            labels.Add(new BlockLabel
            {
                DocId = document[i].DocId,
                BlockIndex = document[i].BlockIndex,
                Label = p.PredictedLabel ? Labels.Boilerplate : Labels.Content,
                Probability = Math.Round(p.SmoothedProbability, 6),
            });
        }
    }

    public void Dispose() => _engine.Dispose();
}
