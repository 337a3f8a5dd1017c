using ContentPipeline.Learning.Calibrators;
using ContentPipeline.Learning.Data;
using ContentPipeline.Learning.Features;
using ContentPipeline.Learning.Sequence;
using ContentPipeline.Learning.Serialization;
using ContentPipeline.Learning.Trainers;

namespace ContentPipeline.Learning.Model;

/// <summary>
/// The trained transformer: featurizer → first-stage linear model (+ optional words-only text stage) → second-stage (context) linear model →
/// optional context trees (gradient-boosted, on the linear context score and every dense feature) →
/// Platt calibration → HMM smoothing along the document. Immutable and thread-safe; create one
/// <see cref="BlockPredictionEngine"/> per thread for fast per-document prediction.
/// </summary>
public sealed class BlockClassificationModel
{
    public const int FormatVersion = ModelSerializer.FormatVersion;

    public BlockClassificationModel(FeaturizerOptions featurizer, LinearBinaryModelParameters firstStage,
        LinearBinaryModelParameters secondStage, PlattCalibrator calibrator, HiddenMarkovSmoother smoother,
        bool useSmoothing, float decisionThreshold, string trainingDataHash, IReadOnlyDictionary<string, double>? metrics = null,
        TreeEnsembleModelParameters? contextTrees = null, LinearBinaryModelParameters? textStage = null)
    {
        featurizer.Validate();
        int dimension = (1 << featurizer.HashBits) + DenseBlockFeatures.Count;
        if (firstStage.Dimension != dimension)
            throw new ArgumentException($"first stage has {firstStage.Dimension} weights, the featurizer makes {dimension}", nameof(firstStage));
        if (textStage is not null && textStage.Dimension != dimension)
            throw new ArgumentException($"text stage has {textStage.Dimension} weights, the featurizer makes {dimension}", nameof(textStage));
        if (secondStage.Dimension != SecondStageFeatures.Count)
            throw new ArgumentException($"second stage has {secondStage.Dimension} weights, expected {SecondStageFeatures.Count}", nameof(secondStage));
        if (contextTrees is not null && contextTrees.FeatureCount != ContextTreeFeatures.Count)
            throw new ArgumentException($"context trees read {contextTrees.FeatureCount} features, expected {ContextTreeFeatures.Count}", nameof(contextTrees));
        ContextTrees = contextTrees;
        Featurizer = featurizer;
        FirstStage = firstStage;
        TextStage = textStage;
        if (textStage is not null)
        {
            // first-stage and text-stage weights side by side: one cache line serves both dot products
            PairedWeights = new float[2 * dimension];
            for (int j = 0; j < dimension; j++)
            {
                PairedWeights[2 * j] = firstStage.Weights[j];
                PairedWeights[2 * j + 1] = textStage.Weights[j];
            }
        }
        SecondStage = secondStage;
        Calibrator = calibrator;
        Smoother = smoother;
        UseSmoothing = useSmoothing;
        DecisionThreshold = decisionThreshold;
        TrainingDataHash = trainingDataHash;
        Metrics = new SortedDictionary<string, double>(metrics?.ToDictionary() ?? new Dictionary<string, double>(), StringComparer.Ordinal);
    }

    public FeaturizerOptions Featurizer { get; }
    public LinearBinaryModelParameters FirstStage { get; }
    /// <summary>First-stage model on the n-gram features alone (its dense weights are 0); null: the second stage reads the n-gram part of <see cref="FirstStage"/>.</summary>
    public LinearBinaryModelParameters? TextStage { get; }
    public LinearBinaryModelParameters SecondStage { get; }
    /// <summary>[first-stage weight, text-stage weight] per feature, when there is a text stage (for prediction).</summary>
    internal float[]? PairedWeights { get; }
    /// <summary>Gradient-boosted trees over <see cref="ContextTreeFeatures"/>; null when the linear context score is final.</summary>
    public TreeEnsembleModelParameters? ContextTrees { get; }
    public PlattCalibrator Calibrator { get; }
    public HiddenMarkovSmoother Smoother { get; }
    public bool UseSmoothing { get; }
    /// <summary>Default threshold on the smoothed probability of boilerplate.</summary>
    public float DecisionThreshold { get; }
    /// <summary>Fingerprint of the labelled data the model was trained on.</summary>
    public string TrainingDataHash { get; }
    /// <summary>Metrics recorded with the model (e.g. its cross-validated quality), sorted by name.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; }

    /// <summary>A copy of this model that records <paramref name="metrics"/>.</summary>
    public BlockClassificationModel WithMetrics(IReadOnlyDictionary<string, double> metrics) =>
        new(Featurizer, FirstStage, SecondStage, Calibrator, Smoother, UseSmoothing, DecisionThreshold, TrainingDataHash, metrics, ContextTrees, TextStage);

    public BlockPredictionEngine CreatePredictionEngine() => new(this);

    /// <summary>Writes the model as one versioned file (deterministic bytes).</summary>
    public void Save(string path) => ModelSerializer.Save(this, path);

    public void Save(Stream stream) => ModelSerializer.Save(this, stream);

    /// <summary>Reads a model file; throws <see cref="ModelFormatException"/> if it is missing, corrupt or of another version.</summary>
    public static BlockClassificationModel Load(string path) => ModelSerializer.Load(path);
}

/// <summary>What the model says about one block.</summary>
public struct BlockPrediction
{
    /// <summary>Raw first-stage score (logit of boilerplate from the block and its window features).</summary>
    public float FirstStageScore;
    /// <summary>Final context score (logit, uncalibrated): the context trees' when the model has them, else the linear second stage's.</summary>
    public float Score;
    /// <summary>Calibrated probability of boilerplate before sequence smoothing.</summary>
    public float Probability;
    /// <summary>Probability of boilerplate after HMM smoothing along the document.</summary>
    public float SmoothedProbability;
    /// <summary>SmoothedProbability ≥ threshold.</summary>
    public bool PredictedLabel;
}

/// <summary>One feature's share of a block's first- or second-stage score.</summary>
public readonly record struct FeatureContribution(string Name, float Value, float Contribution);
