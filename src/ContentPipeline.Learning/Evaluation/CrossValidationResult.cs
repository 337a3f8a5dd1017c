using ContentPipeline.Learning.Data;
using ContentPipeline.Learning.Model;

namespace ContentPipeline.Learning.Evaluation;

/// <summary>A held-out block with its true label and what the model said.</summary>
public readonly record struct ScoredBlock(string DocumentKey, int BlockIndex, bool Label, BlockPrediction Prediction,
    BlockLanguage Language, int Characters, int Fold, string Text);

/// <summary>One fold of a grouped cross-validation (as ML.NET's CrossValidationResult).</summary>
public sealed class CrossValidationResult
{
    public CrossValidationResult(int fold, BlockClassificationModel model, BinaryClassificationMetrics metrics, IReadOnlyList<ScoredBlock> scoredHoldOutSet, IReadOnlyList<string> testKeys)
    {
        Fold = fold;
        Model = model;
        Metrics = metrics;
        ScoredHoldOutSet = scoredHoldOutSet;
        TestKeys = testKeys;
    }

    public int Fold { get; }
    public BlockClassificationModel Model { get; }
    public BinaryClassificationMetrics Metrics { get; }
    public IReadOnlyList<ScoredBlock> ScoredHoldOutSet { get; }
    /// <summary>The sampling keys (documents) held out in this fold.</summary>
    public IReadOnlyList<string> TestKeys { get; }
}

public static class BlockMetrics
{
    /// <summary>
    /// Metrics over scored blocks, labelling boilerplate when the smoothed probability ≥ <paramref name="threshold"/>;
    /// weighted recalls are weighted by characters (WeightedNegativeRecall = share of content characters kept).
    /// </summary>
    public static BinaryClassificationMetrics Evaluate(IReadOnlyList<ScoredBlock> blocks, float threshold)
    {
        int n = blocks.Count;
        var labels = new bool[n];
        var scores = new float[n];
        var predicted = new bool[n];
        var weights = new float[n];
        for (int i = 0; i < n; i++)
        {
            var b = blocks[i];
            labels[i] = b.Label;
            scores[i] = b.Prediction.SmoothedProbability;
            predicted[i] = b.Prediction.SmoothedProbability >= threshold;
            weights[i] = b.Characters;
        }
        return BinaryClassificationEvaluator.Evaluate(labels, scores, scores, predicted, weights);
    }

    /// <summary>Metrics per block language (zh, en, mixed, other), in that order, for languages present.</summary>
    public static IReadOnlyList<(BlockLanguage Language, BinaryClassificationMetrics Metrics)> EvaluateByLanguage(IReadOnlyList<ScoredBlock> blocks, float threshold)
    {
        var result = new List<(BlockLanguage, BinaryClassificationMetrics)>();
        foreach (var language in new[] { BlockLanguage.Chinese, BlockLanguage.English, BlockLanguage.Mixed, BlockLanguage.Other })
        {
            var subset = new List<ScoredBlock>();
            foreach (var b in blocks) if (b.Language == language) subset.Add(b);
            if (subset.Count > 0) result.Add((language, Evaluate(subset, threshold)));
        }
        return result;
    }
}

/// <summary>Deterministic assignment of groups (documents) to folds; a group never spans two folds.</summary>
public static class GroupedFolds
{
    public static int[] Assign(IReadOnlyList<string> keys, int numberOfFolds, int seed)
    {
        if (numberOfFolds < 2) throw new ArgumentOutOfRangeException(nameof(numberOfFolds), numberOfFolds, "needs at least 2 folds");
        var distinct = new List<string>(new SortedSet<string>(keys, StringComparer.Ordinal));
        if (distinct.Count < numberOfFolds)
            throw new ArgumentException($"{distinct.Count} groups cannot fill {numberOfFolds} folds", nameof(keys));
        var order = new (uint Hash, string Key)[distinct.Count];
        uint seedHash = Features.StableHash.AddUInt(Features.StableHash.OffsetBasis, (uint)seed);
        for (int i = 0; i < distinct.Count; i++) order[i] = (Features.StableHash.Finalise(Features.StableHash.Fnv1a(distinct[i], seedHash)), distinct[i]);
        Array.Sort(order, (a, b) => a.Hash != b.Hash ? a.Hash.CompareTo(b.Hash) : string.CompareOrdinal(a.Key, b.Key));
        var foldOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < order.Length; i++) foldOf[order[i].Key] = i % numberOfFolds;
        var folds = new int[keys.Count];
        for (int i = 0; i < keys.Count; i++) folds[i] = foldOf[keys[i]];
        return folds;
    }
}
