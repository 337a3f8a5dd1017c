using System.Buffers;
using ContentPipeline.Learning.Data;
using ContentPipeline.Learning.Features;

namespace ContentPipeline.Learning.Model;

/// <summary>
/// Fast per-document prediction with reusable, pooled buffers (like ML.NET's PredictionEngine). Not
/// thread-safe: use one engine per thread.
/// </summary>
public sealed class BlockPredictionEngine : IDisposable
{
    private readonly BlockClassificationModel _model;
    private readonly BlockFeaturizer _featurizer;
    private readonly DocumentFeatures _features = new();
    private float[] _scores = ArrayPool<float>.Shared.Rent(256);
    private float[] _textScores = ArrayPool<float>.Shared.Rent(256);
    private float[] _second = ArrayPool<float>.Shared.Rent(256 * SecondStageFeatures.Count);
    private float[] _probabilities = ArrayPool<float>.Shared.Rent(256);
    private float[] _smoothed = ArrayPool<float>.Shared.Rent(256);
    private double[] _scratch = ArrayPool<double>.Shared.Rent(512);
    private readonly float[] _treeRow = new float[ContextTreeFeatures.Count];

    internal BlockPredictionEngine(BlockClassificationModel model)
    {
        _model = model;
        _featurizer = new BlockFeaturizer(model.Featurizer);
    }

    public BlockClassificationModel Model => _model;

    public BlockPrediction[] Predict(TextDocument document)
    {
        var result = new BlockPrediction[document.Count];
        Predict(document, result, _model.DecisionThreshold);
        return result;
    }

    /// <summary>Predicts every block of <paramref name="document"/> into <paramref name="output"/>.</summary>
    public void Predict(TextDocument document, Span<BlockPrediction> output) => Predict(document, output, _model.DecisionThreshold);

    /// <summary>As above, labelling a block boilerplate when its smoothed probability ≥ <paramref name="threshold"/>.</summary>
    public void Predict(TextDocument document, Span<BlockPrediction> output, float threshold)
    {
        int n = document.Count;
        if (output.Length < n) throw new ArgumentException("output must have one slot per block", nameof(output));
        if (n == 0) return;
        Ensure(n);
        _featurizer.Featurize(document, _features);
        ScoreFirstStage(n);
        Finish(n, output, threshold);
    }

    private void ScoreFirstStage(int n)
    {
        var first = _model.FirstStage;
        if (_model.TextStage is { } text)
        {
            var paired = _model.PairedWeights!;
            for (int b = 0; b < n; b++)
            {
                var indices = _features.RowIndices(b);
                var values = _features.RowValues(b);
                float s = first.Bias, t = text.Bias;
                for (int i = 0; i < indices.Length; i++)
                {
                    int j = 2 * indices[i];
                    s += paired[j] * values[i];
                    t += paired[j + 1] * values[i];
                }
                _scores[b] = s;
                _textScores[b] = t;
            }
        }
        else
        {
            // without a text stage, the words' evidence is the n-gram part of the first-stage score
            int textEnd = _featurizer.DenseOffset;
            for (int b = 0; b < n; b++) _scores[b] = first.Score(_features.RowIndices(b), _features.RowValues(b), textEnd, out _textScores[b]);
        }
    }

    private void Finish(int n, Span<BlockPrediction> output, float threshold)
    {
        var second = _model.SecondStage;
        var trees = _model.ContextTrees;
        var scores = _scores.AsSpan(0, n);
        SecondStageFeatures.Compute(scores, _textScores.AsSpan(0, n), _features, _second);
        var probs = _probabilities.AsSpan(0, n);
        var smoothed = _smoothed.AsSpan(0, n);
        for (int b = 0; b < n; b++)
        {
            var row = _second.AsSpan(b * SecondStageFeatures.Count, SecondStageFeatures.Count);
            float s = second.Score(row);
            if (trees is not null)
            {
                ContextTreeFeatures.Fill(s, row, _features.DenseRow(b), _treeRow);
                s = trees.Score(_treeRow);
            }
            output[b].FirstStageScore = scores[b];
            output[b].Score = s;
            probs[b] = _model.Calibrator.PredictProbability(s);
        }
        if (_model.UseSmoothing) _model.Smoother.Smooth(probs, smoothed, _scratch);
        else probs.CopyTo(smoothed);
        for (int b = 0; b < n; b++)
        {
            output[b].Probability = probs[b];
            output[b].SmoothedProbability = smoothed[b];
            output[b].PredictedLabel = smoothed[b] >= threshold;
        }
    }

    /// <summary>
    /// The features that drove block <paramref name="blockIndex"/>: the <paramref name="top"/> largest |weight·value|
    /// terms of the first stage (named n-grams and shape features), then the <paramref name="top"/> largest of the
    /// second stage (neighbours' scores, names starting "s2:"), each largest first.
    /// </summary>
    public IReadOnlyList<FeatureContribution> Explain(TextDocument document, int blockIndex, int top = 10)
    {
        int n = document.Count;
        if ((uint)blockIndex >= (uint)n) throw new ArgumentOutOfRangeException(nameof(blockIndex));
        Ensure(n);
        var names = new Dictionary<int, string>();
        _featurizer.Featurize(document, _features, names);
        ScoreFirstStage(n);
        var list = new List<FeatureContribution>();
        var w = _model.FirstStage.Weights;
        var idx = _features.RowIndices(blockIndex);
        var val = _features.RowValues(blockIndex);
        for (int i = 0; i < idx.Length; i++)
        {
            int j = idx[i];
            float c = w[j] * val[i];
            if (c == 0) continue;
            string name = j >= _featurizer.DenseOffset ? _featurizer.DenseName(j) : names.GetValueOrDefault(j, $"hash#{j}");
            list.Add(new FeatureContribution(name, val[i], c));
        }
        Order(list, top);
        SecondStageFeatures.Compute(_scores.AsSpan(0, n), _textScores.AsSpan(0, n), _features, _second);
        var row = _second.AsSpan(blockIndex * SecondStageFeatures.Count, SecondStageFeatures.Count);
        var context = new List<FeatureContribution>();
        for (int j = 0; j < row.Length; j++)
        {
            float c = _model.SecondStage.Weights[j] * row[j];
            if (c != 0) context.Add(new FeatureContribution(SecondStageFeatures.Name(j), row[j], c));
        }
        if (_model.ContextTrees is { } trees)
        {
            // Trees have no per-feature weights: report the linear context score they start from and their final score.
            float linear = _model.SecondStage.Score(row);
            ContextTreeFeatures.Fill(linear, row, _features.DenseRow(blockIndex), _treeRow);
            context.Add(new FeatureContribution("s3:context_trees", linear, trees.Score(_treeRow)));
        }
        Order(context, top);
        list.AddRange(context);
        return list;
    }

    private static void Order(List<FeatureContribution> list, int top)
    {
        list.Sort((a, b) =>
        {
            int cmp = Math.Abs(b.Contribution).CompareTo(Math.Abs(a.Contribution));
            return cmp != 0 ? cmp : string.CompareOrdinal(a.Name, b.Name);
        });
        if (list.Count > top) list.RemoveRange(top, list.Count - top);
    }

    private void Ensure(int n)
    {
        if (_scores.Length >= n && _textScores.Length >= n && _second.Length >= n * SecondStageFeatures.Count && _probabilities.Length >= n && _smoothed.Length >= n && _scratch.Length >= 2 * n) return;
        Return();
        _scores = ArrayPool<float>.Shared.Rent(n);
        _textScores = ArrayPool<float>.Shared.Rent(n);
        _second = ArrayPool<float>.Shared.Rent(n * SecondStageFeatures.Count);
        _probabilities = ArrayPool<float>.Shared.Rent(n);
        _smoothed = ArrayPool<float>.Shared.Rent(n);
        _scratch = ArrayPool<double>.Shared.Rent(2 * n);
    }

    private void Return()
    {
        ArrayPool<float>.Shared.Return(_scores);
        ArrayPool<float>.Shared.Return(_textScores);
        ArrayPool<float>.Shared.Return(_second);
        ArrayPool<float>.Shared.Return(_probabilities);
        ArrayPool<float>.Shared.Return(_smoothed);
        ArrayPool<double>.Shared.Return(_scratch);
    }

    public void Dispose()
    {
        Return();
        _scores = []; _textScores = []; _second = []; _probabilities = []; _smoothed = []; _scratch = [];
        _features.Dispose();
    }
}
