using ContentPipeline.Learning.Calibrators;
using ContentPipeline.Learning.Evaluation;

namespace ContentPipeline.Learning.Tests;

public class MetricsTests
{
    [Fact]
    public void Auc_counts_ties_as_one_half()
    {
        // positives: 0.8, 0.5 ; negatives: 0.5, 0.2. Pairs: (0.8>0.5)=1, (0.8>0.2)=1, (0.5=0.5)=0.5, (0.5>0.2)=1 → 3.5/4
        bool[] labels = [true, true, false, false];
        float[] scores = [0.8f, 0.5f, 0.5f, 0.2f];
        Assert.Equal(0.875, BinaryClassificationEvaluator.Auc(labels, scores), 12);
        Assert.Equal(0.5, BinaryClassificationEvaluator.Auc([true, false], [0.3f, 0.3f]), 12);
        Assert.True(double.IsNaN(BinaryClassificationEvaluator.Auc([true, true], [0.1f, 0.2f])));
    }

    [Fact]
    public void Hand_computed_example()
    {
        bool[] labels = [true, true, false, false, false];
        float[] probs = [0.9f, 0.4f, 0.6f, 0.1f, 0.2f];
        bool[] predicted = [true, false, true, false, false];
        float[] chars = [10, 20, 100, 50, 50];
        var m = BinaryClassificationEvaluator.Evaluate(labels, probs, probs, predicted, chars);
        Assert.Equal(new ConfusionMatrix(1, 1, 1, 2), m.ConfusionMatrix);
        Assert.Equal(0.6, m.Accuracy, 12);
        Assert.Equal(0.5, m.PositivePrecision, 12);
        Assert.Equal(0.5, m.PositiveRecall, 12);
        Assert.Equal(2.0 / 3, m.NegativePrecision, 12);
        Assert.Equal(2.0 / 3, m.NegativeRecall, 12);
        Assert.Equal(0.5, m.F1Score, 12);
        Assert.Equal(10.0 / 30, m.WeightedPositiveRecall, 12);
        Assert.Equal(100.0 / 200, m.WeightedNegativeRecall, 12);
        // AUC: pos {0.9, 0.4} vs neg {0.6, 0.1, 0.2}: 0.9 beats 3, 0.4 beats 2 → 5/6
        Assert.Equal(5.0 / 6, m.AreaUnderRocCurve, 6);
        double expectedLogLoss = -(Math.Log2(0.9) + Math.Log2(0.4) + Math.Log2(0.4) + Math.Log2(0.9) + Math.Log2(0.8)) / 5;
        Assert.Equal(expectedLogLoss, m.LogLoss, 5);
        double prior = -(0.4 * Math.Log2(0.4) + 0.6 * Math.Log2(0.6));
        Assert.Equal(1 - expectedLogLoss / prior, m.LogLossReduction, 5);
    }

    [Fact]
    public void Platt_recovers_a_logistic_relationship()
    {
        var random = new Random(5);
        var scores = new float[4000];
        var labels = new bool[4000];
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = (float)(random.NextDouble() * 8 - 4);
            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-(2 * scores[i] - 1)));
        }
        var platt = PlattCalibratorTrainer.Fit(scores, labels);
        // P = 1/(1+exp(slope·s + offset)) with slope ≈ -2, offset ≈ 1
        Assert.InRange(platt.Slope, -2.3, -1.7);
        Assert.InRange(platt.Offset, 0.8, 1.2);
        Assert.True(platt.PredictProbability(3) > 0.9f);
    }
}
