using ContentPipeline.Learning.Data;
using ContentPipeline.Learning.Evaluation;
using ContentPipeline.Learning.Trainers;

namespace ContentPipeline.Learning.Tests;

public class FastTreeBinaryTrainerTests
{
    /// <summary>x0, x1 uniform in [−1, 1], label = x0·x1 &gt; 0 (XOR of the signs); the other features are noise.</summary>
    private static (float[] X, bool[] Y) Xor(int rows, int seed, int features = 4)
    {
        var random = new Random(seed);
        var x = new float[rows * features];
        var y = new bool[rows];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < features; j++) x[i * features + j] = (float)(random.NextDouble() * 2 - 1);
            y[i] = x[i * features] * x[i * features + 1] > 0;
        }
        return (x, y);
    }

    private static float[] Scores(TreeEnsembleModelParameters model, float[] x)
    {
        int f = model.FeatureCount;
        var s = new float[x.Length / f];
        for (int i = 0; i < s.Length; i++) s[i] = model.Score(x.AsSpan(i * f, f));
        return s;
    }

    private static byte[] Bytes(TreeEnsembleModelParameters model)
    {
        var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream)) model.Save(w);
        return stream.ToArray();
    }

    private static TreeEnsembleModelParameters Read(byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes));
        return TreeEnsembleModelParameters.Load(r);
    }

    private static readonly FastTreeBinaryTrainer.Options Small = new() { NumberOfTrees = 60, NumberOfLeaves = 8, MinimumExampleCountPerLeaf = 5 };

    [Fact]
    public void Learns_an_interaction_a_linear_model_cannot()
    {
        var (x, y) = Xor(2000, 1);
        var (tx, ty) = Xor(1000, 2);
        var model = new FastTreeBinaryTrainer(new() { NumberOfTrees = 100 }).Fit(x, 4, y);
        double auc = BinaryClassificationEvaluator.Auc(ty, Scores(model, tx));
        Assert.True(auc > 0.95, $"tree AUC {auc}");

        var train = new SparseDataset(4);
        int[] idx = [0, 1, 2, 3];
        for (int i = 0; i < y.Length; i++) train.Add(idx, x.AsSpan(i * 4, 4), y[i]);
        var linear = new LbfgsLogisticRegressionBinaryTrainer().Fit(train);
        var linearScores = new float[ty.Length];
        for (int i = 0; i < ty.Length; i++) linearScores[i] = linear.Score(idx, tx.AsSpan(i * 4, 4));
        double linearAuc = BinaryClassificationEvaluator.Auc(ty, linearScores);
        Assert.InRange(linearAuc, 0.4, 0.6);

        // The explanation names the two interacting features, not the noise.
        var importance = model.FeatureImportance();
        Assert.Equal([0, 1], importance.Take(2).Select(p => p.Feature).Order());
        Assert.True(importance[1].Gain > 5 * importance.Skip(2).Select(p => p.Gain).DefaultIfEmpty(0).Max());
    }

    [Fact]
    public void Same_inputs_and_options_give_identical_bytes_and_the_seed_matters()
    {
        var (x, y) = Xor(800, 3, features: 6);
        var options = Small with { FeatureFraction = 0.5f, BaggingFraction = 0.7f, Seed = 5 };
        var a = Bytes(new FastTreeBinaryTrainer(options).Fit(x, 6, y));
        var b = Bytes(new FastTreeBinaryTrainer(options).Fit(x, 6, y));
        Assert.Equal(a, b);
        var c = Bytes(new FastTreeBinaryTrainer(options with { Seed = 6 }).Fit(x, 6, y));
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Save_then_Load_gives_identical_scores_and_bytes()
    {
        var (x, y) = Xor(600, 4);
        var model = new FastTreeBinaryTrainer(Small).Fit(x, 4, y);
        var bytes = Bytes(model);
        var loaded = Read(bytes);
        Assert.Equal(model.FeatureCount, loaded.FeatureCount);
        Assert.Equal(60, loaded.TreeCount);
        Assert.Equal(model.Bias, loaded.Bias);
        Assert.Equal(bytes, Bytes(loaded));
        Assert.Equal(model.FeatureImportance(), loaded.FeatureImportance());
        var (tx, _) = Xor(300, 5);
        tx[0] = float.NaN; tx[5] = float.PositiveInfinity; tx[10] = -1e30f; tx[15] = 1e30f;
        var expected = Scores(model, tx);
        Assert.Equal(expected, Scores(loaded, tx));
        Assert.All(expected, s => Assert.True(float.IsFinite(s)));
    }

    /// <summary>
    /// Score, node by node, from the saved file form (feature, threshold, left, right, gain per node, then the leaf
    /// values; a negative link c is leaf ~c), summing the trees in file order.
    /// </summary>
    private static float[] ReferenceScores(byte[] bytes, float[] x)
    {
        using var r = new BinaryReader(new MemoryStream(bytes));
        r.ReadBytes(8);
        int featureCount = r.ReadInt32();
        float bias = r.ReadSingle();
        int trees = r.ReadInt32();
        var scores = new float[x.Length / featureCount];
        Array.Fill(scores, bias);
        for (int t = 0; t < trees; t++)
        {
            int nodes = r.ReadInt32();
            var (feature, threshold, left, right) = (new int[nodes], new float[nodes], new int[nodes], new int[nodes]);
            for (int i = 0; i < nodes; i++)
            {
                feature[i] = r.ReadInt32(); threshold[i] = r.ReadSingle(); left[i] = r.ReadInt32(); right[i] = r.ReadInt32(); r.ReadSingle();
            }
            var leaves = new float[nodes + 1];
            for (int l = 0; l <= nodes; l++) leaves[l] = r.ReadSingle();
            for (int e = 0; e < scores.Length; e++)
            {
                int link = nodes == 0 ? ~0 : 0;
                while (link >= 0) link = x[e * featureCount + feature[link]] > threshold[link] ? right[link] : left[link];
                scores[e] += leaves[~link];
            }
        }
        return scores;
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(12, true)]
    [InlineData(128, true)]    // 127 nodes: the largest tree the 8-byte nodes hold
    [InlineData(300, false)]
    public void Score_walks_to_the_same_leaves_as_a_node_by_node_walk_in_both_layouts(int leaves, bool compact)
    {
        var (x, y) = Xor(6000, 11, features: 6);
        var options = Small with { NumberOfTrees = 12, NumberOfLeaves = leaves, MinimumExampleCountPerLeaf = 2 };
        var model = new FastTreeBinaryTrainer(options).Fit(x, 6, y);
        Assert.Equal(compact, model.WalksCompactNodes);
        var (tx, _) = Xor(500, 12, features: 6);
        tx[0] = float.NaN; tx[7] = float.PositiveInfinity; tx[14] = float.NegativeInfinity;
        var expected = ReferenceScores(Bytes(model), tx);
        var actual = Scores(model, tx);
        // Trees are summed in another order (by depth), so the sums may differ in the last bits, never by a leaf.
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-4f);
    }

    private static byte[] SmallModelBytes()
    {
        var (x, y) = Xor(400, 6);
        var bytes = Bytes(new FastTreeBinaryTrainer(Small with { NumberOfTrees = 3, NumberOfLeaves = 4 }).Fit(x, 4, y));
        Assert.True(BitConverter.ToInt32(bytes, 20) > 0, "tree 0 must have a split for the corruption tests");
        return bytes;
    }

    [Fact]
    public void Load_rejects_every_truncation()
    {
        var bytes = SmallModelBytes();
        Read(bytes); // intact
        for (int length = 0; length < bytes.Length; length++)
        {
            var e = Assert.Throws<InvalidDataException>(() => Read(bytes[..length]));
            Assert.Contains("tree ensemble model", e.Message);
        }
    }

    // Layout (see TreeEnsembleModelParameters.Save): header 20 bytes, tree 0's node count at 20, its node 0 at 24:
    // feature +0, threshold +4, left +8, right +12, gain +16.
    [Theory]
    [InlineData(24, 4, "feature index 4 is outside 0..3")]      // feature == FeatureCount
    [InlineData(24, -1, "feature index -1 is outside")]
    [InlineData(32, 0, "must point forward")]                    // node 0's left child is node 0: a cycle
    [InlineData(36, 7, "child node 7 is outside")]
    [InlineData(32, ~9, "leaf 9 is outside")]
    [InlineData(8, 0, "feature count 0")]
    [InlineData(4, 2, "format version 2")]
    [InlineData(0, 0, "CPGB")]
    public void Load_rejects_a_corrupted_field(int offset, int value, string message)
    {
        var bytes = SmallModelBytes();
        BitConverter.TryWriteBytes(bytes.AsSpan(offset, 4), value);
        var e = Assert.Throws<InvalidDataException>(() => Read(bytes));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Load_rejects_non_finite_numbers_and_a_reused_leaf()
    {
        var bytes = SmallModelBytes();
        int nodes = BitConverter.ToInt32(bytes, 20);
        int firstLeaf = 24 + 20 * nodes;
        foreach (var (offset, value, message) in new[]
        {
            (28, BitConverter.SingleToInt32Bits(float.NaN), "threshold"),
            (firstLeaf, BitConverter.SingleToInt32Bits(float.PositiveInfinity), "value"),
            (12, BitConverter.SingleToInt32Bits(float.NaN), "bias"),
        })
        {
            var copy = (byte[])bytes.Clone();
            BitConverter.TryWriteBytes(copy.AsSpan(offset, 4), value);
            Assert.Contains(message, Assert.Throws<InvalidDataException>(() => Read(copy)).Message);
        }
        // Both children of the last node pointing at the same leaf.
        var twice = (byte[])bytes.Clone();
        int last = 24 + 20 * (nodes - 1);
        Array.Copy(twice, last + 8, twice, last + 12, 4);
        Assert.Throws<InvalidDataException>(() => Read(twice));
    }

    [Fact]
    public void Bias_is_the_weighted_log_odds_and_up_weighting_a_class_raises_scores()
    {
        // Noisy labels, P(y) = 0.3 or 0.7 by the sign of x0: weighting positives ×5 moves every optimal log-odds by log 5.
        var (x, y) = Xor(2000, 7);
        var noise = new Random(70);
        for (int i = 0; i < y.Length; i++) y[i] = noise.NextDouble() < (x[i * 4] > 0 ? 0.7 : 0.3);
        var weights = new float[y.Length];
        double positive = 0, negative = 0;
        for (int i = 0; i < y.Length; i++)
        {
            weights[i] = y[i] ? 5f : 1f;
            if (y[i]) positive += weights[i]; else negative += weights[i];
        }
        var plain = new FastTreeBinaryTrainer(Small).Fit(x, 4, y);
        var weighted = new FastTreeBinaryTrainer(Small).Fit(x, 4, y, weights);
        Assert.Equal(Math.Log(positive / negative), weighted.Bias, 1e-5);
        Assert.True(weighted.Bias > plain.Bias + 1.5);
        var (tx, _) = Xor(400, 8);
        double shift = Scores(weighted, tx).Average() - Scores(plain, tx).Average();
        Assert.InRange(shift, 1.2, 2.0);
    }

    [Fact]
    public void Uniform_weights_give_the_same_scores_as_none()
    {
        // Doubling every weight doubles G and H exactly, so without λ the leaf values −G/H are unchanged.
        var (x, y) = Xor(500, 14);
        var twos = new float[y.Length];
        Array.Fill(twos, 2f);
        var options = Small with { L2Regularization = 0 };
        var (tx, _) = Xor(200, 15);
        Assert.Equal(Scores(new FastTreeBinaryTrainer(options).Fit(x, 4, y), tx), Scores(new FastTreeBinaryTrainer(options).Fit(x, 4, y, twos), tx));
    }

    [Fact]
    public void Constant_and_all_missing_features_are_never_split()
    {
        var (x, y) = Xor(600, 9);
        for (int i = 0; i < y.Length; i++) { x[i * 4 + 2] = 3f; x[i * 4 + 3] = float.NaN; }
        var model = new FastTreeBinaryTrainer(Small).Fit(x, 4, y);
        Assert.DoesNotContain(model.FeatureImportance(), p => p.Feature is 2 or 3);
        float[] row = [0.3f, -0.6f, 3f, float.NaN];
        float expected = model.Score(row);
        foreach (float v in new[] { -100f, 0f, 100f, float.NaN })
        {
            row[2] = v; row[3] = v;
            Assert.Equal(expected, model.Score(row));
        }
    }

    [Fact]
    public void Minimum_example_count_per_leaf_is_respected()
    {
        // One feature 0..99; only the top 5 are positive. Every leaf is an interval of x, so with at least 10 rows per
        // leaf the top 10 rows share a leaf in every tree and must score the same.
        var x = new float[100];
        var y = new bool[100];
        for (int i = 0; i < 100; i++) { x[i] = i; y[i] = i >= 95; }
        float Score(TreeEnsembleModelParameters m, float v) => m.Score([v]);
        var options = new FastTreeBinaryTrainer.Options { NumberOfTrees = 50, NumberOfLeaves = 8, MinimumExampleCountPerLeaf = 10, MaximumBinCountPerFeature = 128 };
        var model = new FastTreeBinaryTrainer(options).Fit(x, 1, y);
        for (int i = 90; i < 100; i++) Assert.Equal(Score(model, 99), Score(model, i));
        for (int i = 0; i < 10; i++) Assert.Equal(Score(model, 0), Score(model, i));
        // Control: with 1 row allowed the positives are cut off.
        var loose = new FastTreeBinaryTrainer(options with { MinimumExampleCountPerLeaf = 1 }).Fit(x, 1, y);
        Assert.True(Score(loose, 99) > Score(loose, 90) + 1);
    }

    [Fact]
    public void Missing_values_go_left_and_missingness_can_be_learned()
    {
        // Feature 0 is NaN or 5; positives are exactly the NaN rows. Feature 1 is noise.
        var random = new Random(10);
        int n = 400;
        var x = new float[n * 2];
        var y = new bool[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = i % 3 == 0;
            x[i * 2] = y[i] ? float.NaN : 5f;
            x[i * 2 + 1] = (float)random.NextDouble();
        }
        var model = new FastTreeBinaryTrainer(Small).Fit(x, 2, y);
        float missing = model.Score([float.NaN, 0.5f]), present = model.Score([5f, 0.5f]);
        Assert.True(missing > present + 3, $"{missing} vs {present}");
        // NaN takes the left branch at every split, like a value below every threshold.
        Assert.Equal(model.Score([float.NegativeInfinity, 0.5f]), missing);
        Assert.Equal(model.Score([float.NaN, float.NegativeInfinity]), model.Score([float.NaN, float.NaN]));
    }

    [Fact]
    public void Split_ties_go_to_the_lowest_feature_index()
    {
        // Features 1 and 2 are identical copies of the signal, so every split on one has the same gain on the other.
        var random = new Random(12);
        int n = 600;
        var x = new float[n * 3];
        var y = new bool[n];
        for (int i = 0; i < n; i++)
        {
            x[i * 3] = (float)random.NextDouble();
            x[i * 3 + 1] = x[i * 3 + 2] = (float)random.NextDouble();
            y[i] = (x[i * 3 + 1] > 0.3) ^ (random.NextDouble() < 0.1);
        }
        var importance = new FastTreeBinaryTrainer(Small).Fit(x, 3, y).FeatureImportance();
        Assert.Contains(importance, p => p.Feature == 1);
        Assert.DoesNotContain(importance, p => p.Feature == 2);
    }

    [Fact]
    public void At_most_the_maximum_bin_count_of_thresholds_is_used()
    {
        var x = new float[1000];
        var y = new bool[1000];
        var random = new Random(13);
        for (int i = 0; i < x.Length; i++) { x[i] = i / 10f; y[i] = random.NextDouble() < (i % 250) / 250.0; }
        var model = new FastTreeBinaryTrainer(Small with { MaximumBinCountPerFeature = 4, MinimumExampleCountPerLeaf = 1 }).Fit(x, 1, y);
        var distinct = new HashSet<float>();
        for (float v = -1; v <= 101; v += 0.05f) distinct.Add(model.Score([v]));
        Assert.InRange(distinct.Count, 2, 4);
    }

    [Fact]
    public void A_heavy_run_of_ties_gets_a_bin_of_its_own()
    {
        // 400 distinct negatives, 600 zeros, then 10 distinct positives; label = x ≥ 0. With two bins the one edge must
        // fall before the tie run: closing the first bin after it (x ≤ 0.5) would lump the zeros with the negatives.
        var x = new float[1010];
        var y = new bool[1010];
        for (int i = 0; i < 400; i++) x[i] = i - 400;
        for (int i = 400; i < 1010; i++) { x[i] = Math.Max(0, i - 999); y[i] = true; }
        var model = new FastTreeBinaryTrainer(Small with { MaximumBinCountPerFeature = 2 }).Fit(x, 1, y);
        Assert.True(model.Score([0f]) > model.Score([-1f]) + 2, $"{model.Score([0f])} vs {model.Score([-1f])}");
        Assert.Equal(model.Score([-400f]), model.Score([-1f]));
    }

    [Fact]
    public void Rejects_bad_options_and_inputs()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FastTreeBinaryTrainer(new() { NumberOfLeaves = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FastTreeBinaryTrainer(new() { MaximumBinCountPerFeature = 257 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FastTreeBinaryTrainer(new() { FeatureFraction = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FastTreeBinaryTrainer(new() { BaggingFraction = 1.5f }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FastTreeBinaryTrainer(new() { LearningRate = float.NaN }));
        var trainer = new FastTreeBinaryTrainer(Small);
        Assert.Throws<ArgumentException>(() => trainer.Fit(new float[7], 2, new bool[4]));
        Assert.Throws<ArgumentException>(() => trainer.Fit(new float[8], 2, new bool[4], new float[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(new float[8], 2, new bool[4], [1, 1, -1, 1]));
        var model = trainer.Fit(new float[] { 0, 1, 2, 3, 4, 5, 6, 7 }, 2, [true, false, true, false]);
        Assert.Equal(60, model.TreeCount);
        Assert.Throws<ArgumentException>(() => model.Score([1f]));
    }
}
