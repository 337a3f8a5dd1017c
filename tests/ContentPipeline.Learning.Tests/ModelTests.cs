using ContentPipeline.Learning.Data;
using ContentPipeline.Learning.Trainers;
using ContentPipeline.Learning.Evaluation;
using ContentPipeline.Learning.Features;
using ContentPipeline.Learning.Model;

namespace ContentPipeline.Learning.Tests;

public class ModelTests
{
    private static readonly BlockClassificationTrainer.Options Small = new()
    {
        Featurizer = new FeaturizerOptions { HashBits = 14 },
        NumberOfInnerFolds = 3,
    };

    private static byte[] Bytes(BlockClassificationModel model)
    {
        var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    [Fact]
    public void Separates_essay_from_ticker_on_held_out_documents()
    {
        var train = TestData.Corpus(30, seed: 1);
        var test = TestData.Corpus(10, seed: 2);
        var model = new BlockClassificationTrainer(Small).Fit(train);
        var scored = BlockClassificationTrainer.Score(model, test);
        var metrics = BlockMetrics.Evaluate(scored, 0.5f);
        Assert.True(metrics.WeightedNegativeRecall >= 0.99, $"content kept {metrics.WeightedNegativeRecall}");
        Assert.True(metrics.PositiveRecall >= 0.95, $"boilerplate recall {metrics.PositiveRecall}");
        Assert.True(metrics.AreaUnderRocCurve > 0.98);
    }

    [Fact]
    public void Same_data_and_seed_give_byte_identical_model_files()
    {
        var data = TestData.Corpus(20);
        var a = Bytes(new BlockClassificationTrainer(Small).Fit(data));
        var b = Bytes(new BlockClassificationTrainer(Small).Fit(data));
        Assert.Equal(a, b);
    }

    [Fact]
    public void Fits_run_side_by_side_give_the_bytes_of_fits_run_one_at_a_time()
    {
        // The stages run their inner-fold and final fits in parallel; each must write only its own rows and model.
        var data = TestData.Corpus(24);
        var options = Small with
        {
            TextStage = true,
            ContextTrees = new FastTreeBinaryTrainer.Options { NumberOfTrees = 20, NumberOfLeaves = 4, MinimumExampleCountPerLeaf = 5 },
        };
        var parallel = Bytes(new BlockClassificationTrainer(options) { MaximumDegreeOfParallelism = 4 }.Fit(data));
        var sequential = Bytes(new BlockClassificationTrainer(options) { MaximumDegreeOfParallelism = 1 }.Fit(data));
        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void The_training_data_hash_changes_with_anything_the_features_read()
    {
        static List<LabeledDocument> One(string text = "Share this", string[]? tokens = null, double? links = 0.5, string? container = "share bar", bool label = true) =>
            [new LabeledDocument(new TextDocument("en/1.html", [new TextBlock(text, BlockKind.Line, BlockLanguage.English, tokens ?? ["Share", "this"], links, container)]), [label])];
        string baseline = BlockClassificationTrainer.DataHash(One());
        Assert.Equal(baseline, BlockClassificationTrainer.DataHash(One()));
        Assert.NotEqual(baseline, BlockClassificationTrainer.DataHash(One(text: "Share this!")));
        Assert.NotEqual(baseline, BlockClassificationTrainer.DataHash(One(tokens: ["Share this"])));
        Assert.NotEqual(baseline, BlockClassificationTrainer.DataHash(One(links: 1.0)));
        Assert.NotEqual(baseline, BlockClassificationTrainer.DataHash(One(links: null)));
        Assert.NotEqual(baseline, BlockClassificationTrainer.DataHash(One(container: "share")));
        Assert.NotEqual(baseline, BlockClassificationTrainer.DataHash(One(container: null)));
        Assert.NotEqual(baseline, BlockClassificationTrainer.DataHash(One(label: false)));
    }

    [Fact]
    public void Save_and_load_round_trip_predicts_the_same()
    {
        var data = TestData.Corpus(20);
        var options = Small with { Featurizer = Small.Featurizer with { EdgeTokens = 2 } };
        var model = new BlockClassificationTrainer(options).Fit(data).WithMetrics(new Dictionary<string, double> { ["cv.auc"] = 0.97 });
        string path = Path.Combine(Path.GetTempPath(), $"cpl-{Guid.NewGuid():N}.model");
        try
        {
            model.Save(path);
            var loaded = BlockClassificationModel.Load(path);
            Assert.Equal(Bytes(model), Bytes(loaded));
            Assert.Equal(0.97, loaded.Metrics["cv.auc"]);
            Assert.Equal(model.TrainingDataHash, loaded.TrainingDataHash);
            Assert.Equal(options.Featurizer, loaded.Featurizer);   // the featurizer settings travel with the model
            var doc = TestData.Corpus(1, seed: 9)[0].Document;
            var p1 = model.CreatePredictionEngine().Predict(doc);
            var p2 = loaded.CreatePredictionEngine().Predict(doc);
            Assert.Equal(p1, p2);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Context_trees_are_trained_saved_and_loaded_with_the_model()
    {
        var options = Small with { ContextTrees = new() { NumberOfTrees = 20, NumberOfLeaves = 4, MinimumExampleCountPerLeaf = 5 } };
        var data = TestData.Corpus(20);
        var model = new BlockClassificationTrainer(options).Fit(data);
        Assert.NotNull(model.ContextTrees);
        Assert.Equal(ContextTreeFeatures.Count, model.ContextTrees!.FeatureCount);
        Assert.Equal(Bytes(model), Bytes(new BlockClassificationTrainer(options).Fit(data)));
        var loaded = ContentPipeline.Learning.Serialization.ModelSerializer.Load(Bytes(model), "trees.model");
        Assert.Equal(Bytes(model), Bytes(loaded));
        var doc = TestData.Corpus(1, seed: 9)[0].Document;
        var withTrees = model.CreatePredictionEngine().Predict(doc);
        Assert.Equal(withTrees, loaded.CreatePredictionEngine().Predict(doc));
        // The trees, not the linear second stage, give the final score.
        var linearOnly = new BlockClassificationTrainer(Small).Fit(data).CreatePredictionEngine().Predict(doc);
        Assert.NotEqual(withTrees.Select(p => p.Score), linearOnly.Select(p => p.Score));
        var scored = BlockClassificationTrainer.Score(model, TestData.Corpus(10, seed: 2));
        Assert.True(BlockMetrics.Evaluate(scored, 0.5f).AreaUnderRocCurve > 0.98);
    }

    [Fact]
    public void Content_weights_by_length_keep_their_mean_and_grow_as_a_power_of_the_characters()
    {
        bool[] labels = [false, true, false, false, true];
        int[] chars = [100, 7, 25, 0, 3000];
        var weights = new float[] { 9, 1, 9, 9, 1 };
        BlockClassificationTrainer.WeighContentByLength(labels, chars, contentWeight: 2f, exponent: 0.5f, weights);
        Assert.Equal(1f, weights[1]);                                          // boilerplate rows untouched
        Assert.Equal(1f, weights[4]);
        Assert.Equal(2.0, (weights[0] + weights[2] + weights[3]) / 3, 5);      // mean content weight stays the content weight
        Assert.Equal(2.0, weights[0] / weights[2], 5);                         // sqrt(100 / 25)
        Assert.Equal(10.0, weights[0] / weights[3], 5);                        // an empty block counts as one character
    }

    [Fact]
    public void Weighing_content_by_length_changes_the_context_trees_alone()
    {
        var data = TestData.Corpus(20);
        var trees = new FastTreeBinaryTrainer.Options { NumberOfTrees = 20, NumberOfLeaves = 4, MinimumExampleCountPerLeaf = 5 };
        var flat = Small with { TextStage = true, ContentWeight = 2f, ContextTrees = trees };
        var byLength = flat with { ContextTreeContentLengthExponent = 0.75f };
        var a = new BlockClassificationTrainer(flat).Fit(data);
        var b = new BlockClassificationTrainer(byLength).Fit(data);
        Assert.Equal(a.FirstStage.Weights, b.FirstStage.Weights);
        Assert.Equal(a.TextStage!.Weights, b.TextStage!.Weights);
        Assert.Equal(a.SecondStage.Weights, b.SecondStage.Weights);
        Assert.NotEqual(Bytes(a), Bytes(b));
        Assert.Equal(Bytes(b), Bytes(new BlockClassificationTrainer(byLength).Fit(data)));   // still deterministic
        Assert.Equal(Bytes(a), Bytes(new BlockClassificationTrainer(flat with { ContextTreeContentLengthExponent = 0f }).Fit(data)));
    }

    [Fact]
    public void Text_stage_is_trained_on_words_alone_and_saved_with_the_model()
    {
        var options = Small with { TextStage = true };
        var data = TestData.Corpus(20);
        var model = new BlockClassificationTrainer(options).Fit(data);
        var text = Assert.IsType<ContentPipeline.Learning.Trainers.LinearBinaryModelParameters>(model.TextStage);
        int denseOffset = 1 << options.Featurizer.HashBits;
        Assert.All(text.Weights[denseOffset..], w => Assert.Equal(0f, w));   // no shape features in the text stage
        Assert.Contains(text.Weights[..denseOffset], w => w != 0);
        Assert.Equal(Bytes(model), Bytes(new BlockClassificationTrainer(options).Fit(data)));
        var loaded = ContentPipeline.Learning.Serialization.ModelSerializer.Load(Bytes(model), "text.model");
        Assert.Equal(Bytes(model), Bytes(loaded));
        var doc = TestData.Corpus(1, seed: 9)[0].Document;
        var withText = model.CreatePredictionEngine().Predict(doc);
        Assert.Equal(withText, loaded.CreatePredictionEngine().Predict(doc));
        Assert.Null(new BlockClassificationTrainer(Small).Fit(data).TextStage);
        var scored = BlockClassificationTrainer.Score(model, TestData.Corpus(10, seed: 2));
        Assert.True(BlockMetrics.Evaluate(scored, 0.5f).AreaUnderRocCurve > 0.98);
    }

    [Fact]
    public void Corrupt_truncated_missing_and_mismatched_files_fail_clearly()
    {
        var bytes = Bytes(new BlockClassificationTrainer(Small).Fit(TestData.Corpus(10)));
        string dir = Path.Combine(Path.GetTempPath(), $"cpl-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string Write(string name, byte[] content) { var p = Path.Combine(dir, name); File.WriteAllBytes(p, content); return p; }
            var truncated = Write("truncated.model", bytes[..(bytes.Length / 2)]);
            var flipped = (byte[])bytes.Clone();
            flipped[bytes.Length / 2] ^= 0x40;
            var corrupt = Write("corrupt.model", flipped);
            var version = (byte[])bytes.Clone();
            version[4] = 99;
            var future = Write("future.model", version);
            var text = Write("text.model", "hello"u8.ToArray());

            var e1 = Assert.Throws<ModelFormatException>(() => BlockClassificationModel.Load(truncated));
            Assert.Contains("truncated.model", e1.Message);
            Assert.Contains("truncated", e1.Problem);
            Assert.Contains("retrain", e1.Message);
            Assert.Contains("checksum", Assert.Throws<ModelFormatException>(() => BlockClassificationModel.Load(corrupt)).Message);
            Assert.Contains("version 99", Assert.Throws<ModelFormatException>(() => BlockClassificationModel.Load(future)).Message);
            Assert.Contains("bad header", Assert.Throws<ModelFormatException>(() => BlockClassificationModel.Load(text)).Message);
            Assert.Contains("does not exist", Assert.Throws<ModelFormatException>(() => BlockClassificationModel.Load(Path.Combine(dir, "nope.model"))).Message);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static string Group(string key) => (int.Parse(key[4..]) / 2).ToString();

    [Fact]
    public void Grouped_cross_validation_never_splits_a_document()
    {
        var data = TestData.Corpus(15);
        // two documents per sampling key: keys must stay together
        var results = new BlockClassificationTrainer(Small).CrossValidate(data, numberOfFolds: 5, samplingKey: d => Group(d.Key));
        Assert.Equal(5, results.Count);
        var seen = new Dictionary<string, int>();
        int blocks = 0;
        foreach (var r in results)
        {
            foreach (var b in r.ScoredHoldOutSet)
            {
                blocks++;
                Assert.Equal(r.Fold, b.Fold);
                string group = Group(b.DocumentKey);
                if (seen.TryGetValue(group, out int fold)) Assert.Equal(fold, r.Fold);
                else seen[group] = r.Fold;
            }
        }
        int total = 0;
        foreach (var d in data) total += d.Document.Count;
        Assert.Equal(total, blocks); // every block is held out exactly once
    }

    [Fact]
    public void Fold_assignment_is_balanced_and_deterministic()
    {
        var keys = new List<string>();
        for (int i = 0; i < 23; i++) keys.Add($"k{i}");
        var a = GroupedFolds.Assign(keys, 5, seed: 3);
        Assert.Equal(a, GroupedFolds.Assign(keys, 5, seed: 3));
        var counts = new int[5];
        foreach (var f in a) counts[f]++;
        Assert.All(counts, c => Assert.InRange(c, 4, 5));
    }

    [Fact]
    public void Explain_names_the_features()
    {
        var data = TestData.Corpus(20);
        var model = new BlockClassificationTrainer(Small).Fit(data);
        using var engine = model.CreatePredictionEngine();
        var doc = data[0].Document;
        var top = engine.Explain(doc, doc.Count - 1, top: 5);
        Assert.Equal(10, top.Count); // 5 of the first stage, then 5 of the context stage
        Assert.All(top, c => Assert.False(c.Name.StartsWith("hash#", StringComparison.Ordinal)));
        Assert.All(top.Take(5), c => Assert.False(c.Name.StartsWith("s2:", StringComparison.Ordinal)));
        Assert.All(top.Skip(5), c => Assert.StartsWith("s2:", c.Name));
        Assert.True(Math.Abs(top[0].Contribution) >= Math.Abs(top[4].Contribution));
    }
}
