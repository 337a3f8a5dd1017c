using System.Security.Cryptography;
using System.Text;
using ContentPipeline.Learning.Calibrators;
using ContentPipeline.Learning.Data;
using ContentPipeline.Learning.Evaluation;
using ContentPipeline.Learning.Features;
using ContentPipeline.Learning.Sequence;
using ContentPipeline.Learning.Trainers;

namespace ContentPipeline.Learning.Model;

/// <summary>
/// Trains a <see cref="BlockClassificationModel"/> from labelled documents:
/// 1. first stage: L-BFGS logistic regression on hashed n-grams + dense shape/window features;
/// 1b. optionally, a text stage: the same trainer on the n-gram features alone;
/// 2. second stage: logistic regression on the neighbours' first-stage (and text-stage) scores, trained on out-of-fold
///    first-stage scores (stacking, grouped by document) so it learns how much to trust them on new documents;
/// 3. optionally, context trees: gradient-boosted trees on the out-of-fold linear context score, the second-stage
///    features and every dense feature, which catch the interactions a linear model misses;
/// 4. Platt calibration on out-of-fold final scores;
/// 5. HMM transitions counted from the label sequences.
/// Deterministic: the same data and options give a byte-identical model file.
/// </summary>
public sealed class BlockClassificationTrainer
{
    public sealed record Options
    {
        public FeaturizerOptions Featurizer { get; init; } = new();
        public LbfgsLogisticRegressionBinaryTrainer.Options FirstStage { get; init; } = new() { L2Regularization = 1f };
        public LbfgsLogisticRegressionBinaryTrainer.Options SecondStage { get; init; } = new() { L2Regularization = 0.1f };
        /// <summary>Folds (grouped by document) used to make out-of-fold scores for stacking and calibration.</summary>
        public int NumberOfInnerFolds { get; init; } = 5;
        public int Seed { get; init; }
        public bool UseSequenceSmoothing { get; init; } = true;
        public float DecisionThreshold { get; init; } = 0.5f;
        /// <summary>Row weight of content blocks (boilerplate rows weigh 1): above 1 makes losing essay text costlier.</summary>
        public float ContentWeight { get; init; } = 1f;
        /// <summary>
        /// Also train a first-stage model on the n-gram features alone; its score (the block's words, free of its
        /// shape) and its neighbours' feed the second stage. Off: the n-gram part of the joint first-stage score is used.
        /// </summary>
        public bool TextStage { get; init; }
        /// <summary>Context trees after the linear second stage; null leaves the linear context score final.</summary>
        public FastTreeBinaryTrainer.Options? ContextTrees { get; init; }
        /// <summary>
        /// In the context trees only, content rows weigh <see cref="ContentWeight"/> × chars^a / mean(chars^a) for this
        /// exponent a (0: all alike): the trees then count lost essay text roughly as the quality measure does, by
        /// characters, while their mean content weight, and so the balance against boilerplate, stays the same.
        /// </summary>
        public float ContextTreeContentLengthExponent { get; init; }
    }

    private readonly Options _options;

    public BlockClassificationTrainer(Options? options = null)
    {
        _options = options ?? new Options();
        _options.Featurizer.Validate();
        if (_options.NumberOfInnerFolds < 2) throw new ArgumentOutOfRangeException(nameof(options), "NumberOfInnerFolds must be >= 2");
    }

    public Options TrainerOptions => _options;

    /// <summary>Featurised corpus: stage-1 rows for every block, and dense rows for stage 2.</summary>
    private sealed class Corpus
    {
        public required SparseDataset Rows;
        public required int[] DocStart;       // first row of each document
        public required float[][] Dense;      // per document: n × DenseBlockFeatures.Count
        public required int[][] Group;        // per document: DocumentFeatures.Group
        public required bool[] Labels;
        public required int[] Chars;          // characters of each row's block
    }

    private Corpus Featurize(IReadOnlyList<LabeledDocument> data)
    {
        var featurizer = new BlockFeaturizer(_options.Featurizer);
        var rows = new SparseDataset(featurizer.Dimension);
        var docStart = new int[data.Count + 1];
        var dense = new float[data.Count][];
        var group = new int[data.Count][];
        var labels = new List<bool>();
        var chars = new List<int>();
        using var buffer = new DocumentFeatures();
        for (int d = 0; d < data.Count; d++)
        {
            var doc = data[d];
            featurizer.Featurize(doc.Document, buffer);
            int n = doc.Document.Count;
            for (int b = 0; b < n; b++)
            {
                bool label = doc.IsBoilerplate[b];
                rows.Add(buffer.RowIndices(b), buffer.RowValues(b), label, RowWeight(label));
                labels.Add(label);
                chars.Add(doc.Document.Blocks[b].Text.Length);
            }
            dense[d] = buffer.Dense.AsSpan(0, n * DenseBlockFeatures.Count).ToArray();
            group[d] = buffer.Group.AsSpan(0, n).ToArray();
            docStart[d + 1] = docStart[d] + n;
        }
        return new Corpus { Rows = rows, DocStart = docStart, Dense = dense, Group = group, Labels = labels.ToArray(), Chars = chars.ToArray() };
    }

    /// <summary>Training weight of a row: content rows weigh <see cref="Options.ContentWeight"/>, boilerplate rows 1.</summary>
    private float RowWeight(bool boilerplate) => boilerplate ? 1f : _options.ContentWeight;

    public BlockClassificationModel Fit(IReadOnlyList<LabeledDocument> data)
    {
        if (data.Count < _options.NumberOfInnerFolds)
            throw new ArgumentException($"need at least {_options.NumberOfInnerFolds} documents to train, got {data.Count}", nameof(data));
        var corpus = Featurize(data);
        int docs = data.Count, total = corpus.Rows.Count;
        var keys = new string[docs];
        for (int d = 0; d < docs; d++) keys[d] = data[d].Key;
        int k = Math.Min(_options.NumberOfInnerFolds, new HashSet<string>(keys, StringComparer.Ordinal).Count);
        var fold = GroupedFolds.Assign(keys, k, _options.Seed);

        // Stage 1: out-of-fold scores, and the final model on everything. With a text stage the same trainer and folds
        // also run on the rows without their dense columns (whose weights then stay 0), and its out-of-fold scores are
        // the words' evidence instead of the n-gram part of the joint model's score.
        var stage1Trainer = new LbfgsLogisticRegressionBinaryTrainer(_options.FirstStage);
        var oof1 = new float[total];
        var oofText = new float[total];
        bool hasTextStage = _options.TextStage;
        var textRows = hasTextStage ? WithoutDenseColumns(corpus.Rows) : null;
        LinearBinaryModelParameters stage1 = null!;
        LinearBinaryModelParameters? textStage = null;
        // Every fit is independent and writes its own rows or model, so running them together gives the same bits.
        // Per model: job 0 is the final fit (the largest, so it starts first), jobs 1..k the inner folds.
        int models = hasTextStage ? 2 : 1;
        Parallel.For(0, models * (k + 1), InnerParallelism, job =>
        {
            bool text = job % models == 1;
            int f = job / models - 1;
            var rows = text ? textRows! : corpus.Rows;
            if (f < 0)
            {
                var all = stage1Trainer.Fit(rows);
                if (text) textStage = all; else stage1 = all;
                return;
            }
            var model = stage1Trainer.Fit(Subset(rows, corpus.DocStart, fold, f, exclude: true));
            if (text) ScoreHeldOut(model, rows, corpus.DocStart, fold, f, oofText);
            // With a text stage, the joint score is summed as the prediction engine sums it (one accumulator).
            else if (hasTextStage) ScoreHeldOut(model, rows, corpus.DocStart, fold, f, oof1);
            else ScoreRows(model, corpus, fold, f, oof1, oofText);
        });

        // Stage 2 on out-of-fold stage-1 scores.
        const int C2 = SecondStageFeatures.Count;
        var rows2 = new SparseDataset(C2);
        var idx2 = new int[C2];
        for (int j = 0; j < idx2.Length; j++) idx2[j] = j;
        var features2 = new float[total * C2];
        using (var buffer = new DocumentFeatures())
        {
            for (int d = 0; d < docs; d++)
            {
                int start = corpus.DocStart[d], n = corpus.DocStart[d + 1] - start;
                var f2 = SecondStage(corpus, d, oof1, oofText, buffer);
                f2.CopyTo(features2, start * C2);
                for (int b = 0; b < n; b++)
                {
                    rows2.Add(idx2, f2.AsSpan(b * C2, C2), corpus.Labels[start + b], RowWeight(corpus.Labels[start + b]));
                }
            }
        }
        var stage2Trainer = new LbfgsLogisticRegressionBinaryTrainer(_options.SecondStage);
        var oof2 = new float[total];
        LinearBinaryModelParameters stage2 = null!;
        // As in stage 1: job 0 the final fit, jobs 1..k the inner folds, each writing only its own rows.
        Parallel.For(0, k + 1, InnerParallelism, job =>
        {
            if (job == 0) { stage2 = stage2Trainer.Fit(rows2); return; }
            int f = job - 1;
            ScoreHeldOut(stage2Trainer.Fit(Subset(rows2, corpus.DocStart, fold, f, exclude: true)), rows2, corpus.DocStart, fold, f, oof2);
        });
        TreeEnsembleModelParameters? trees = null;
        var final = oof2;
        if (_options.ContextTrees is { } treeOptions)
            (trees, final) = FitContextTrees(treeOptions with { Seed = _options.Seed }, corpus, features2, oof2, fold, k);
        var calibrator = PlattCalibratorTrainer.Fit(final, corpus.Labels);
        var sequences = new List<IReadOnlyList<bool>>(docs);
        foreach (var doc in data) sequences.Add(doc.IsBoilerplate);
        var smoother = HiddenMarkovSmoother.Fit(sequences);
        if (_options.UseSequenceSmoothing) smoother = smoother.WithStrength(ChooseStrength(smoother, final, calibrator, corpus));
        return new BlockClassificationModel(_options.Featurizer, stage1, stage2, calibrator, smoother,
            _options.UseSequenceSmoothing, _options.DecisionThreshold, DataHash(data), contextTrees: trees, textStage: textStage);
    }

    /// <summary>
    /// Context trees on [out-of-fold linear context score, second-stage features, dense features]: out-of-fold
    /// tree scores (same document folds) for the calibration, then the trees on everything.
    /// </summary>
    private (TreeEnsembleModelParameters Trees, float[] OutOfFold) FitContextTrees(FastTreeBinaryTrainer.Options options,
        Corpus corpus, float[] features2, float[] linearScores, int[] fold, int k)
    {
        const int C = ContextTreeFeatures.Count, C2 = SecondStageFeatures.Count, D = DenseBlockFeatures.Count;
        int total = linearScores.Length, docs = fold.Length;
        var rows = new float[(long)total * C];
        var weights = new float[total];
        for (int d = 0; d < docs; d++)
        {
            int start = corpus.DocStart[d];
            for (int r = start; r < corpus.DocStart[d + 1]; r++)
            {
                ContextTreeFeatures.Fill(linearScores[r], features2.AsSpan(r * C2, C2), corpus.Dense[d].AsSpan((r - start) * D, D), rows.AsSpan(r * C, C));
                weights[r] = RowWeight(corpus.Labels[r]);
            }
        }
        if (_options.ContextTreeContentLengthExponent > 0)
            WeighContentByLength(corpus.Labels, corpus.Chars, _options.ContentWeight, _options.ContextTreeContentLengthExponent, weights);
        var trainer = new FastTreeBinaryTrainer(options);
        var outOfFold = new float[total];
        TreeEnsembleModelParameters all = null!;
        // Job 0 is the final fit on everything (the largest, so it starts first), jobs 1..k the inner folds.
        Parallel.For(0, k + 1, InnerParallelism, job =>
        {
            if (job == 0) { all = trainer.Fit(rows, C, corpus.Labels, weights); return; }
            int f = job - 1;
            int count = 0;
            for (int d = 0; d < docs; d++) if (fold[d] != f) count += corpus.DocStart[d + 1] - corpus.DocStart[d];
            var subRows = new float[(long)count * C];
            var subLabels = new bool[count];
            var subWeights = new float[count];
            int o = 0;
            for (int d = 0; d < docs; d++)
            {
                if (fold[d] == f) continue;
                for (int r = corpus.DocStart[d]; r < corpus.DocStart[d + 1]; r++, o++)
                {
                    rows.AsSpan(r * C, C).CopyTo(subRows.AsSpan(o * C, C));
                    subLabels[o] = corpus.Labels[r];
                    subWeights[o] = weights[r];
                }
            }
            var model = trainer.Fit(subRows, C, subLabels, subWeights);
            for (int d = 0; d < docs; d++)
            {
                if (fold[d] != f) continue;
                for (int r = corpus.DocStart[d]; r < corpus.DocStart[d + 1]; r++) outOfFold[r] = model.Score(rows.AsSpan(r * C, C));
            }
        });
        return (all, outOfFold);
    }

    /// <summary>
    /// Sets the weight of every content row (label false) to <paramref name="contentWeight"/> × chars^a / mean(chars^a)
    /// over the content rows, a = <paramref name="exponent"/>; boilerplate rows keep theirs.
    /// </summary>
    internal static void WeighContentByLength(ReadOnlySpan<bool> labels, ReadOnlySpan<int> chars, float contentWeight, float exponent, Span<float> weights)
    {
        double sum = 0;
        int count = 0;
        for (int r = 0; r < weights.Length; r++)
        {
            if (labels[r]) continue;
            weights[r] = MathF.Pow(Math.Max(1, chars[r]), exponent);
            sum += weights[r];
            count++;
        }
        if (count == 0) return;
        float scale = (float)(contentWeight * count / sum);
        for (int r = 0; r < weights.Length; r++)
            if (!labels[r]) weights[r] *= scale;
    }

    /// <summary>
    /// The smoothing strength (0, 0.25, ..., 1) whose posteriors have the lowest log-loss on the out-of-fold
    /// probabilities: the second stage already sees the neighbours, so the HMM is only as strong as it helps.
    /// </summary>
    private static double ChooseStrength(HiddenMarkovSmoother smoother, float[] oof2, PlattCalibrator calibrator, Corpus corpus)
    {
        int total = oof2.Length;
        var probs = new float[total];
        for (int i = 0; i < total; i++) probs[i] = calibrator.PredictProbability(oof2[i]);
        var post = new float[total];
        double best = double.PositiveInfinity, bestStrength = 0;
        foreach (double strength in (double[])[0, 0.25, 0.5, 0.75, 1])
        {
            var s = smoother.WithStrength(strength);
            int docs = corpus.DocStart.Length - 1;
            var scratch = new double[2 * total];
            for (int d = 0; d < docs; d++)
            {
                int start = corpus.DocStart[d], n = corpus.DocStart[d + 1] - start;
                s.Smooth(probs.AsSpan(start, n), post.AsSpan(start, n), scratch);
            }
            double loss = 0;
            for (int i = 0; i < total; i++)
            {
                double p = Math.Clamp(post[i], 1e-6, 1 - 1e-6);
                loss -= corpus.Labels[i] ? Math.Log(p) : Math.Log(1 - p);
            }
            if (loss < best - 1e-9) { best = loss; bestStrength = strength; }
        }
        return bestStrength;
    }

    private static float[] SecondStage(Corpus corpus, int d, float[] scores, float[] textScores, DocumentFeatures buffer)
    {
        int start = corpus.DocStart[d], n = corpus.DocStart[d + 1] - start;
        buffer.Reset(n);
        corpus.Dense[d].CopyTo(buffer.Dense, 0);
        corpus.Group[d].CopyTo(buffer.Group, 0);
        var f2 = new float[n * SecondStageFeatures.Count];
        SecondStageFeatures.Compute(scores.AsSpan(start, n), textScores.AsSpan(start, n), buffer, f2);
        return f2;
    }

    /// <summary>
    /// Without a text stage: the held-out rows' scores and the n-gram part of each, summed as the prediction engine
    /// sums them in that case.
    /// </summary>
    private static void ScoreRows(LinearBinaryModelParameters model, Corpus corpus, int[] fold, int f, float[] output, float[] textOutput)
    {
        int textEnd = corpus.Rows.Dimension - DenseBlockFeatures.Count;
        for (int d = 0; d < fold.Length; d++)
        {
            if (fold[d] != f) continue;
            for (int r = corpus.DocStart[d]; r < corpus.DocStart[d + 1]; r++)
                output[r] = model.Score(corpus.Rows.Indices(r), corpus.Rows.Values(r), textEnd, out textOutput[r]);
        }
    }

    /// <summary>Scores the rows of fold <paramref name="f"/>'s documents with a model trained without them.</summary>
    private static void ScoreHeldOut(LinearBinaryModelParameters model, SparseDataset rows, int[] docStart, int[] fold, int f, float[] output)
    {
        for (int d = 0; d < fold.Length; d++)
        {
            if (fold[d] != f) continue;
            for (int r = docStart[d]; r < docStart[d + 1]; r++) output[r] = model.Score(rows.Indices(r), rows.Values(r));
        }
    }

    private static SparseDataset WithoutDenseColumns(SparseDataset rows)
    {
        int textEnd = rows.Dimension - DenseBlockFeatures.Count;
        var result = new SparseDataset(rows.Dimension);
        for (int r = 0; r < rows.Count; r++)
        {
            var indices = rows.Indices(r);
            int keep = 0;
            while (keep < indices.Length && indices[keep] < textEnd) keep++;   // dense columns come last
            result.Add(indices[..keep], rows.Values(r)[..keep], rows.Label(r), rows.Weight(r));
        }
        return result;
    }

    private static SparseDataset Subset(SparseDataset rows, int[] docStart, int[] fold, int f, bool exclude)
    {
        var subset = new SparseDataset(rows.Dimension);
        for (int d = 0; d < fold.Length; d++)
        {
            if ((fold[d] == f) == exclude) continue;
            for (int r = docStart[d]; r < docStart[d + 1]; r++) subset.Add(rows.Indices(r), rows.Values(r), rows.Label(r), rows.Weight(r));
        }
        return subset;
    }

    /// <summary>
    /// SHA-256 (hex) over everything the features are computed from, in order: every document's key, and per block
    /// its kind, language, label, text, tokens, link density and HTML container. A changed segmenter or HTML reader
    /// changes the hash as surely as a changed label.
    /// </summary>
    public static string DataHash(IReadOnlyList<LabeledDocument> data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var small = new byte[8];
        void AppendString(string? value)
        {
            // length-prefixed (-1 for null), so that ("ab", "c") and ("a", "bc") differ
            var bytes = value is null ? [] : Encoding.UTF8.GetBytes(value);
            BitConverter.TryWriteBytes(small, value is null ? -1 : bytes.Length);
            hash.AppendData(small, 0, 4);
            hash.AppendData(bytes);
        }
        foreach (var doc in data)
        {
            AppendString(doc.Key);
            BitConverter.TryWriteBytes(small, doc.Document.Count);
            hash.AppendData(small, 0, 4);
            for (int b = 0; b < doc.Document.Count; b++)
            {
                var block = doc.Document.Blocks[b];
                small[0] = (byte)block.Kind; small[1] = (byte)block.Language; small[2] = doc.IsBoilerplate[b] ? (byte)1 : (byte)0; small[3] = 0;
                hash.AppendData(small, 0, 4);
                AppendString(block.Text);
                BitConverter.TryWriteBytes(small, block.Tokens.Count);
                hash.AppendData(small, 0, 4);
                foreach (var token in block.Tokens) AppendString(token);
                BitConverter.TryWriteBytes(small, block.LinkDensity ?? -1.0);
                hash.AppendData(small);
                AppendString(block.Container);
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// Grouped k-fold cross-validation: the documents (grouped by <paramref name="samplingKey"/>, by default
    /// the document key) are split into folds, a model is trained on the other folds and scores the held-out one.
    /// </summary>
    public IReadOnlyList<CrossValidationResult> CrossValidate(IReadOnlyList<LabeledDocument> data, int numberOfFolds = 5,
        Func<LabeledDocument, string>? samplingKey = null)
    {
        var keys = new string[data.Count];
        for (int d = 0; d < data.Count; d++) keys[d] = samplingKey?.Invoke(data[d]) ?? data[d].Key;
        var fold = GroupedFolds.Assign(keys, numberOfFolds, _options.Seed);
        // Folds are independent and each is computed sequentially, so running them in parallel gives the same bits.
        var results = new CrossValidationResult[numberOfFolds];
        Parallel.For(0, numberOfFolds, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, MaximumDegreeOfParallelism) }, f =>
        {
            var train = new List<LabeledDocument>();
            var test = new List<LabeledDocument>();
            var testKeys = new SortedSet<string>(StringComparer.Ordinal);
            for (int d = 0; d < data.Count; d++)
            {
                if (fold[d] == f) { test.Add(data[d]); testKeys.Add(keys[d]); }
                else train.Add(data[d]);
            }
            var model = Fit(train);
            var scored = Score(model, test, f);
            results[f] = new CrossValidationResult(f, model, BlockMetrics.Evaluate(scored, model.DecisionThreshold), scored, [.. testKeys]);
        });
        return results;
    }

    /// <summary>Folds trained at once by <see cref="CrossValidate"/> and <see cref="Fit"/> (results do not depend on it).</summary>
    public int MaximumDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    private ParallelOptions InnerParallelism => new() { MaxDegreeOfParallelism = Math.Max(1, MaximumDegreeOfParallelism) };

    /// <summary>Scores labelled documents with a model (for evaluation).</summary>
    public static List<ScoredBlock> Score(BlockClassificationModel model, IReadOnlyList<LabeledDocument> data, int fold = -1)
    {
        var scored = new List<ScoredBlock>();
        using var engine = model.CreatePredictionEngine();
        foreach (var doc in data)
        {
            var predictions = engine.Predict(doc.Document);
            for (int b = 0; b < predictions.Length; b++)
            {
                var block = doc.Document.Blocks[b];
                scored.Add(new ScoredBlock(doc.Key, b, doc.IsBoilerplate[b], predictions[b], block.Language, block.Text.Length, fold, block.Text));
            }
        }
        return scored;
    }
}
