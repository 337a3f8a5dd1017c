namespace ContentPipeline.Learning.Evaluation;

/// <summary>Counts of a binary confusion matrix (positive = boilerplate).</summary>
public sealed record ConfusionMatrix(long TruePositive, long FalseNegative, long FalsePositive, long TrueNegative)
{
    public long Total => TruePositive + FalseNegative + FalsePositive + TrueNegative;

    public string GetFormattedConfusionTable() =>
        $"              predicted +   predicted -\n" +
        $"  actual +  {TruePositive,12} {FalseNegative,13}\n" +
        $"  actual -  {FalsePositive,12} {TrueNegative,13}\n";
}

/// <summary>
/// Quality of a binary classifier, named as in ML.NET. Positive = boilerplate, negative = content.
/// <see cref="WeightedNegativeRecall"/>/<see cref="WeightedPositiveRecall"/> weight each example (e.g. by its
/// characters): weighted negative recall is the share of content characters kept.
/// </summary>
public sealed record BinaryClassificationMetrics
{
    public long Count { get; init; }
    public double Accuracy { get; init; }
    public double AreaUnderRocCurve { get; init; }
    public double F1Score { get; init; }
    /// <summary>Mean negative log-likelihood in bits (log base 2, as ML.NET).</summary>
    public double LogLoss { get; init; }
    /// <summary>1 − LogLoss / (log-loss of predicting the prior); 0 means no better than the prior.</summary>
    public double LogLossReduction { get; init; }
    public double PositivePrecision { get; init; }
    public double PositiveRecall { get; init; }
    public double NegativePrecision { get; init; }
    public double NegativeRecall { get; init; }
    public double WeightedPositiveRecall { get; init; }
    public double WeightedNegativeRecall { get; init; }
    public ConfusionMatrix ConfusionMatrix { get; init; } = new(0, 0, 0, 0);
}

public static class BinaryClassificationEvaluator
{
    /// <summary>
    /// Computes the metrics. <paramref name="scores"/> rank examples for the AUC (ties count one half);
    /// <paramref name="probabilities"/> give the log-loss; <paramref name="predicted"/> the confusion matrix;
    /// <paramref name="weights"/> (optional, e.g. character counts) the weighted recalls.
    /// </summary>
    public static BinaryClassificationMetrics Evaluate(ReadOnlySpan<bool> labels, ReadOnlySpan<float> scores,
        ReadOnlySpan<float> probabilities, ReadOnlySpan<bool> predicted, ReadOnlySpan<float> weights = default)
    {
        int n = labels.Length;
        if (scores.Length != n || probabilities.Length != n || predicted.Length != n || weights.Length != 0 && weights.Length != n)
            throw new ArgumentException("all inputs must have one value per example");
        long tp = 0, fn = 0, fp = 0, tn = 0;
        double wtp = 0, wp = 0, wtn = 0, wn = 0, logLoss = 0;
        for (int i = 0; i < n; i++)
        {
            double w = weights.Length == 0 ? 1 : weights[i];
            double p = Math.Clamp((double)probabilities[i], 1e-15, 1 - 1e-15);
            if (labels[i])
            {
                logLoss -= Math.Log2(p);
                wp += w;
                if (predicted[i]) { tp++; wtp += w; } else fn++;
            }
            else
            {
                logLoss -= Math.Log2(1 - p);
                wn += w;
                if (predicted[i]) fp++; else { tn++; wtn += w; }
            }
        }
        long pos = tp + fn, neg = fp + tn;
        double prior = n == 0 ? double.NaN : (double)pos / n;
        double priorLoss = pos == 0 || neg == 0 ? 0 : -(prior * Math.Log2(prior) + (1 - prior) * Math.Log2(1 - prior));
        double meanLoss = n == 0 ? double.NaN : logLoss / n;
        double pp = Ratio(tp, tp + fp), pr = Ratio(tp, pos);
        return new BinaryClassificationMetrics
        {
            Count = n,
            Accuracy = Ratio(tp + tn, n),
            AreaUnderRocCurve = Auc(labels, scores),
            F1Score = pp + pr > 0 ? 2 * pp * pr / (pp + pr) : double.NaN,
            LogLoss = meanLoss,
            LogLossReduction = priorLoss > 0 ? 1 - meanLoss / priorLoss : double.NaN,
            PositivePrecision = pp,
            PositiveRecall = pr,
            NegativePrecision = Ratio(tn, tn + fn),
            NegativeRecall = Ratio(tn, neg),
            WeightedPositiveRecall = wp > 0 ? wtp / wp : double.NaN,
            WeightedNegativeRecall = wn > 0 ? wtn / wn : double.NaN,
            ConfusionMatrix = new ConfusionMatrix(tp, fn, fp, tn),
        };
    }

    private static double Ratio(long a, long b) => b == 0 ? double.NaN : (double)a / b;

    /// <summary>Area under the ROC curve (Mann–Whitney with mid-ranks for tied scores); NaN if one class is absent.</summary>
    public static double Auc(ReadOnlySpan<bool> labels, ReadOnlySpan<float> scores)
    {
        int n = labels.Length;
        var order = new int[n];
        var keys = new float[n];
        for (int i = 0; i < n; i++) { order[i] = i; keys[i] = scores[i]; }
        Array.Sort(keys, order);
        double rankSumPos = 0;
        long pos = 0;
        int start = 0;
        while (start < n)
        {
            int end = start;
            while (end + 1 < n && keys[end + 1] == keys[start]) end++;
            double midRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++)
                if (labels[order[k]]) { rankSumPos += midRank; pos++; }
            start = end + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) return double.NaN;
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double)pos * neg);
    }
}
