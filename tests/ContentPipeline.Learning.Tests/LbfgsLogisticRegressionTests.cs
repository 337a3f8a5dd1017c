using ContentPipeline.Learning.Data;
using ContentPipeline.Learning.Trainers;

namespace ContentPipeline.Learning.Tests;

public class LbfgsLogisticRegressionTests
{
    private static SparseDataset Synthetic(int rows, int seed)
    {
        var random = new Random(seed);
        var data = new SparseDataset(3);
        int[] idx = [0, 1, 2];
        var val = new float[3];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < 3; j++) val[j] = (float)(random.NextDouble() * 2 - 1);
            double z = 1.5 * val[0] - 2 * val[1] + 0.5 * val[2] + 0.3;
            bool label = random.NextDouble() < 1 / (1 + Math.Exp(-z));
            data.Add(idx, val, label);
        }
        return data;
    }

    /// <summary>Gradient of Σ loss + λ/2‖w‖² computed independently, in double.</summary>
    private static double[] Gradient(SparseDataset data, float[] w, float b, double lambda)
    {
        var g = new double[w.Length + 1];
        for (int r = 0; r < data.Count; r++)
        {
            double z = b;
            var idx = data.Indices(r); var val = data.Values(r);
            for (int i = 0; i < idx.Length; i++) z += w[idx[i]] * val[i];
            double res = 1 / (1 + Math.Exp(-z)) - (data.Label(r) ? 1 : 0);
            for (int i = 0; i < idx.Length; i++) g[idx[i]] += res * val[i];
            g[^1] += res;
        }
        for (int j = 0; j < w.Length; j++) g[j] += lambda * w[j];
        return g;
    }

    [Fact]
    public void Converges_to_a_stationary_point()
    {
        var data = Synthetic(400, 7);
        var trainer = new LbfgsLogisticRegressionBinaryTrainer(new() { L2Regularization = 0.5f, OptimizationTolerance = 1e-14, MaximumNumberOfIterations = 500 });
        var model = trainer.Fit(data);
        var g = Gradient(data, model.Weights, model.Bias, 0.5);
        foreach (var v in g) Assert.True(Math.Abs(v) < 1e-3, $"gradient component {v}"); // float-rounded weights
        // recovers the generating direction
        Assert.True(model.Weights[0] > 0.8 && model.Weights[1] < -1.2, string.Join(",", model.Weights));
    }

    [Fact]
    public void Matches_closed_form_for_a_single_binary_feature()
    {
        // Feature x ∈ {0,1}; no regularisation. MLE: b = logit(P(y|x=0)), b + w = logit(P(y|x=1)).
        var data = new SparseDataset(1);
        int[] idx = [0];
        void Add(float x, bool y, int times) { for (int i = 0; i < times; i++) data.Add(x == 0 ? [] : idx, x == 0 ? [] : [x], y); }
        Add(0, true, 10); Add(0, false, 30); // p0 = 0.25
        Add(1, true, 24); Add(1, false, 8);  // p1 = 0.75
        var model = new LbfgsLogisticRegressionBinaryTrainer(new() { L2Regularization = 0, OptimizationTolerance = 1e-15, MaximumNumberOfIterations = 1000 }).Fit(data);
        Assert.Equal(Math.Log(0.25 / 0.75), model.Bias, 4);
        Assert.Equal(Math.Log(3) - Math.Log(1.0 / 3), model.Weights[0], 4);
    }

    [Fact]
    public void Row_weights_act_like_repeated_rows()
    {
        var repeated = new SparseDataset(1);
        var weighted = new SparseDataset(1);
        int[] idx = [0];
        repeated.Add(idx, [1f], true); repeated.Add(idx, [1f], true); repeated.Add(idx, [1f], false); repeated.Add(idx, [-1f], false);
        weighted.Add(idx, [1f], true, 2f); weighted.Add(idx, [1f], false); weighted.Add(idx, [-1f], false);
        var options = new LbfgsLogisticRegressionBinaryTrainer.Options { L2Regularization = 0.1f, OptimizationTolerance = 1e-15, MaximumNumberOfIterations = 500 };
        var a = new LbfgsLogisticRegressionBinaryTrainer(options).Fit(repeated);
        var b = new LbfgsLogisticRegressionBinaryTrainer(options).Fit(weighted);
        Assert.Equal(a.Weights[0], b.Weights[0], 4);
        Assert.Equal(a.Bias, b.Bias, 4);
    }

    [Fact]
    public void Is_deterministic()
    {
        var data = Synthetic(300, 3);
        var a = new LbfgsLogisticRegressionBinaryTrainer().Fit(data);
        var b = new LbfgsLogisticRegressionBinaryTrainer().Fit(data);
        Assert.Equal(a.Weights, b.Weights);
        Assert.Equal(a.Bias, b.Bias);
    }

    [Fact]
    public void Unused_features_stay_zero()
    {
        var data = new SparseDataset(10);
        data.Add([2], [1f], true);
        data.Add([3], [1f], false);
        var model = new LbfgsLogisticRegressionBinaryTrainer().Fit(data);
        for (int j = 0; j < 10; j++)
            if (j is not (2 or 3)) Assert.Equal(0f, model.Weights[j]);
        Assert.True(model.Weights[2] > 0 && model.Weights[3] < 0);
    }

    [Fact]
    public void The_objective_pairs_rows_without_changing_a_bit()
    {
        // Evaluate sums two rows' dot products side by side; rows of unequal length (0–7 entries), an odd row count
        // and a row of weight 0 must give exactly the bits of a plain row-at-a-time loop.
        var random = new Random(3);
        int rows = 41, d = 9;
        var rowStart = new int[rows + 1];
        var idx = new List<int>();
        var val = new List<float>();
        for (int r = 0; r < rows; r++)
        {
            int length = random.Next(8);
            for (int i = 0; i < length; i++) { idx.Add(random.Next(d)); val.Add((float)(random.NextDouble() * 4 - 2)); }
            rowStart[r + 1] = idx.Count;
        }
        var y = new double[rows];
        var c = new double[rows];
        for (int r = 0; r < rows; r++) { y[r] = random.Next(2); c[r] = r == 7 ? 0 : 0.5 + random.NextDouble(); }
        var x = new double[d + 1];
        for (int j = 0; j <= d; j++) x[j] = random.NextDouble() - 0.5;
        const double lambda = 0.3;
        var problem = new LbfgsLogisticRegressionBinaryTrainer.Problem(rowStart, [.. idx], [.. val], y, c, d, lambda);
        var g = new double[d + 1];
        double f = problem.Evaluate(x, g);

        var gRef = new double[d + 1];
        double fRef = 0, gb = 0;
        for (int r = 0; r < rows; r++)
        {
            double z = x[d];
            for (int i = rowStart[r]; i < rowStart[r + 1]; i++) z += x[idx[i]] * (double)val[i];
            double ez = Math.Exp(-Math.Abs(z));
            double loss = z > 0 ? z + Math.Log(1 + ez) : Math.Log(1 + ez);
            fRef += c[r] * (loss - y[r] * z);
            double p = z >= 0 ? 1 / (1 + ez) : ez / (1 + ez);
            double res = c[r] * (p - y[r]);
            if (res == 0) continue;
            for (int i = rowStart[r]; i < rowStart[r + 1]; i++) gRef[idx[i]] += res * val[i];
            gb += res;
        }
        double reg = 0;
        for (int j = 0; j < d; j++) { reg += x[j] * x[j]; gRef[j] += lambda * x[j]; }
        gRef[d] = gb;
        fRef += 0.5 * lambda * reg;

        Assert.Equal(BitConverter.DoubleToInt64Bits(fRef), BitConverter.DoubleToInt64Bits(f));
        for (int j = 0; j <= d; j++) Assert.Equal(BitConverter.DoubleToInt64Bits(gRef[j]), BitConverter.DoubleToInt64Bits(g[j]));
        Assert.Throws<ArgumentException>(() => problem.Evaluate(new double[d], g));
    }
}
