using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ContentPipeline.Learning.Trainers;

/// <summary>
/// Gradient-boosted decision trees for binary classification (Friedman's gradient boosting on the logistic loss),
/// the counterpart of ML.NET's FastTree. Every tree takes one Newton step on
/// Σᵢ cᵢ·[log(1+e^{sᵢ}) − yᵢsᵢ]: gradients gᵢ = cᵢ(pᵢ − yᵢ), hessians hᵢ = cᵢpᵢ(1 − pᵢ), cᵢ the row weight;
/// a leaf outputs −η·ΣG/(ΣH + λ) and a split is worth ½[G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)], the decrease of
/// the second-order approximation of the loss.
/// Features are binned once into quantile bins, so finding a split is a scan over a per-leaf histogram, and only the
/// smaller child of a split is histogrammed from rows (the larger one is parent − smaller). Trees grow best-first:
/// the leaf whose best split gains most is split next, up to <see cref="Options.NumberOfLeaves"/> leaves.
/// NaN sorts below every value: it is binned into bin 0 and takes the left branch at every split, in training and in
/// <see cref="TreeEnsembleModelParameters.Score"/> alike (x &gt; threshold is false for NaN). When the training column
/// has NaNs, its first bin edge sits just below the smallest observed value, so "missing" can be split from every
/// observed value and missingness itself can be learned (values below the training minimum then go with missing).
/// Single-threaded and deterministic: sampling uses its own seeded SplitMix64, and ties in split gain go to the
/// lowest feature index, then the lowest bin, then (between leaves) the lowest leaf, so the same data and options
/// give the same model bytes.
/// </summary>
public sealed class FastTreeBinaryTrainer
{
    public sealed record Options
    {
        /// <summary>Boosting rounds; the model always has exactly this many trees (one that finds no split is a single leaf).</summary>
        public int NumberOfTrees { get; init; } = 200;
        /// <summary>Leaves per tree, grown best-first, so the budget goes to the splits that pay most rather than to a fixed depth.</summary>
        public int NumberOfLeaves { get; init; } = 16;
        /// <summary>Rows (not weight) a leaf must hold; a leaf's hessian sum must also exceed 1e-3 so its Newton step is bounded.</summary>
        public int MinimumExampleCountPerLeaf { get; init; } = 10;
        /// <summary>Shrinkage η, folded into the stored leaf values.</summary>
        public float LearningRate { get; init; } = 0.1f;
        /// <summary>
        /// At most this many bins per feature (2..256, one byte per binned value), edges at quantiles of the training
        /// values; rows with equal values always share a bin, and a feature with one distinct value (NaN counting as one)
        /// has a single bin and is never split.
        /// </summary>
        public int MaximumBinCountPerFeature { get; init; } = 64;
        /// <summary>λ in the leaf value −G/(H+λ) and in the split gain; keeps small leaves from taking huge steps.</summary>
        public float L2Regularization { get; init; } = 1f;
        /// <summary>Share of features each tree may split on (chosen per tree from <see cref="Seed"/>); decorrelates trees.</summary>
        public float FeatureFraction { get; init; } = 1f;
        /// <summary>Share of rows each tree is grown on (chosen per tree from <see cref="Seed"/>, without replacement).</summary>
        public float BaggingFraction { get; init; } = 1f;
        public int Seed { get; init; }
    }

    /// <summary>The initial log-odds are clamped to ±this, so one-class data give a finite model.</summary>
    private const double MaximumBias = 20;
    private const double MinimumHessian = 1e-3;
    /// <summary>Bounds the per-leaf histogram memory and the node indices a model file may hold.</summary>
    internal const int MaximumNumberOfLeaves = 1 << 16;

    private readonly Options _options;

    public FastTreeBinaryTrainer(Options? options = null)
    {
        _options = options ?? new Options();
        var o = _options;
        if (o.NumberOfTrees < 1) throw new ArgumentOutOfRangeException(nameof(options), o.NumberOfTrees, "NumberOfTrees must be >= 1");
        if (o.NumberOfLeaves is < 2 or > MaximumNumberOfLeaves) throw new ArgumentOutOfRangeException(nameof(options), o.NumberOfLeaves, $"NumberOfLeaves must be in 2..{MaximumNumberOfLeaves}");
        if (o.MinimumExampleCountPerLeaf < 1) throw new ArgumentOutOfRangeException(nameof(options), o.MinimumExampleCountPerLeaf, "MinimumExampleCountPerLeaf must be >= 1");
        if (!(o.LearningRate > 0) || !float.IsFinite(o.LearningRate)) throw new ArgumentOutOfRangeException(nameof(options), o.LearningRate, "LearningRate must be finite and > 0");
        if (o.MaximumBinCountPerFeature is < 2 or > 256) throw new ArgumentOutOfRangeException(nameof(options), o.MaximumBinCountPerFeature, "MaximumBinCountPerFeature must be in 2..256");
        if (!(o.L2Regularization >= 0) || !float.IsFinite(o.L2Regularization)) throw new ArgumentOutOfRangeException(nameof(options), o.L2Regularization, "L2Regularization must be finite and >= 0");
        if (!(o.FeatureFraction > 0 && o.FeatureFraction <= 1)) throw new ArgumentOutOfRangeException(nameof(options), o.FeatureFraction, "FeatureFraction must be in (0, 1]");
        if (!(o.BaggingFraction > 0 && o.BaggingFraction <= 1)) throw new ArgumentOutOfRangeException(nameof(options), o.BaggingFraction, "BaggingFraction must be in (0, 1]");
    }

    /// <param name="rows">labels.Length × featureCount values, row-major.</param>
    /// <param name="labels">true = positive class.</param>
    /// <param name="weights">One finite weight ≥ 0 per row, or empty for all 1.</param>
    public TreeEnsembleModelParameters Fit(ReadOnlySpan<float> rows, int featureCount, ReadOnlySpan<bool> labels, ReadOnlySpan<float> weights = default)
    {
        if (featureCount < 1) throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "must be >= 1");
        int n = labels.Length;
        if (n == 0) throw new ArgumentException("there are no rows", nameof(labels));
        if ((long)n * featureCount != rows.Length)
            throw new ArgumentException($"rows holds {rows.Length} values, expected labels.Length × featureCount = {(long)n * featureCount}", nameof(rows));
        if (!weights.IsEmpty && weights.Length != n)
            throw new ArgumentException($"weights holds {weights.Length} values, expected one per row ({n}) or none", nameof(weights));

        var y = new double[n];
        var c = new double[n];
        double positive = 0, negative = 0;
        for (int i = 0; i < n; i++)
        {
            float w = weights.IsEmpty ? 1f : weights[i];
            if (!(w >= 0) || !float.IsFinite(w)) throw new ArgumentOutOfRangeException(nameof(weights), w, $"weight of row {i} must be finite and >= 0");
            c[i] = w;
            y[i] = labels[i] ? 1 : 0;
            if (labels[i]) positive += w; else negative += w;
        }
        if (!(positive + negative > 0)) throw new ArgumentException("the row weights sum to 0", nameof(weights));
        double logOdds = positive == 0 ? -MaximumBias : negative == 0 ? MaximumBias : Math.Log(positive / negative);
        float bias = (float)Math.Clamp(logOdds, -MaximumBias, MaximumBias);

        var binned = BinnedFeatures.Build(rows, n, featureCount, _options.MaximumBinCountPerFeature);
        var grower = new TreeGrower(binned, _options);
        var ensemble = new EnsembleBuilder(featureCount);
        var rng = new SplitMix64(_options.Seed);
        var score = new double[n];
        Array.Fill(score, bias);
        var gradient = new double[n];
        var hessian = new double[n];
        var allFeatures = new int[featureCount];
        var allRows = new int[n];

        for (int t = 0; t < _options.NumberOfTrees; t++)
        {
            for (int i = 0; i < n; i++)
            {
                double s = score[i];
                double es = Math.Exp(-Math.Abs(s));
                double p = s >= 0 ? 1 / (1 + es) : es / (1 + es);
                gradient[i] = c[i] * (p - y[i]);
                hessian[i] = c[i] * p * (1 - p);
            }
            int featureSample = SampleSize(_options.FeatureFraction, featureCount);
            Sample(ref rng, allFeatures, featureSample);
            int rowSample = SampleSize(_options.BaggingFraction, n);
            Sample(ref rng, allRows, rowSample);
            grower.Grow(gradient, hessian, allFeatures.AsSpan(0, featureSample), allRows.AsSpan(0, rowSample));
            grower.AddScores(score);
            grower.AppendTo(ensemble);
        }
        return ensemble.Build(bias);
    }

    private static int SampleSize(float fraction, int count) =>
        fraction >= 1 ? count : Math.Clamp((int)Math.Round(fraction * (double)count, MidpointRounding.AwayFromZero), 1, count);

    /// <summary>Puts a uniform sample of <paramref name="size"/> of 0..items.Length−1 in items[..size], ascending (partial Fisher–Yates).</summary>
    private static void Sample(ref SplitMix64 rng, int[] items, int size)
    {
        for (int i = 0; i < items.Length; i++) items[i] = i;
        if (size == items.Length) return;
        for (int i = 0; i < size; i++)
        {
            int j = i + rng.NextInt(items.Length - i);
            (items[i], items[j]) = (items[j], items[i]);
        }
        Array.Sort(items, 0, size);
    }

    /// <summary>SplitMix64 (Steele, Lea, Flood 2014): tiny, seedable, identical on every runtime, unlike <see cref="Random"/>'s unspecified algorithm.</summary>
    private struct SplitMix64(int seed)
    {
        private ulong _state = (ulong)(uint)seed;

        public ulong Next()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in 0..bound−1 (Lemire's multiply-shift; the bias is below 2⁻³² for our sizes).</summary>
        public int NextInt(int bound) => (int)(((Next() >> 32) * (ulong)(uint)bound) >> 32);
    }

    /// <summary>
    /// Per-feature bin edges and the training matrix as bin numbers, one byte per value, column-major: a histogram is
    /// built one feature at a time so that feature's few bins stay in L1 while the leaf's rows stream past (row-major
    /// scattered every row over all features' bins, hundreds of KB). Bin b of a feature holds the values in
    /// (edge[b−1], edge[b]], the last bin everything above the last edge, and bin 0 also NaN; hence
    /// x ≤ edge[t] ⇔ bin(x) ≤ t, the rule <see cref="TreeEnsembleModelParameters.Score"/> applies to raw values.
    /// </summary>
    internal sealed class BinnedFeatures
    {
        public required int RowCount { get; init; }
        public required int FeatureCount { get; init; }
        public required float[][] Edges { get; init; }
        /// <summary>Start of each feature's bins in a leaf histogram.</summary>
        public required int[] BinOffset { get; init; }
        public required int TotalBinCount { get; init; }
        public required byte[] Bins { get; init; }

        public int BinCount(int feature) => Edges[feature].Length + 1;
        public Span<byte> Column(int feature) => Bins.AsSpan(feature * RowCount, RowCount);

        public static BinnedFeatures Build(ReadOnlySpan<float> rows, int n, int featureCount, int maxBins)
        {
            var edges = new float[featureCount][];
            var offset = new int[featureCount];
            var bins = new byte[(long)n * featureCount];
            var column = new float[n];
            int total = 0;
            for (int f = 0; f < featureCount; f++)
            {
                int m = 0;
                bool hasNaN = false;
                for (int i = 0; i < n; i++)
                {
                    float v = rows[i * featureCount + f];
                    if (float.IsNaN(v)) hasNaN = true; else column[m++] = v;
                }
                Array.Sort(column, 0, m);
                var e = ComputeEdges(column.AsSpan(0, m), hasNaN, maxBins);
                edges[f] = e;
                offset[f] = total;
                total += e.Length + 1;
                for (int i = 0; i < n; i++)
                    bins[(long)f * n + i] = (byte)BinOf(e, rows[i * featureCount + f]);
            }
            return new BinnedFeatures { RowCount = n, FeatureCount = featureCount, Edges = edges, BinOffset = offset, TotalBinCount = total, Bins = bins };
        }

        /// <summary>Number of edges below x (NaN → 0).</summary>
        private static int BinOf(float[] edges, float x)
        {
            if (float.IsNaN(x)) return 0;
            int lo = 0, hi = edges.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (edges[mid] < x) lo = mid + 1; else hi = mid;
            }
            return lo;
        }

        /// <summary>
        /// Greedy quantile edges over the sorted non-NaN values, one run of equal values at a time: a bin is closed
        /// when it holds its share (remaining rows / remaining bins), when taking the next run would overshoot that
        /// share by more than stopping now falls short (so a heavy run of ties gets a bin of its own rather than
        /// swallowing its neighbours), or when every remaining distinct value can have a bin of its own. Edges only fall
        /// between distinct values, so ties never straddle a bin boundary. With NaNs present the first edge sits just
        /// below the smallest value so "missing" is a bin of its own.
        /// </summary>
        internal static float[] ComputeEdges(ReadOnlySpan<float> sorted, bool hasNaN, int maxBins)
        {
            if (sorted.IsEmpty) return [];
            var edges = new List<float>();
            if (hasNaN)
            {
                float below = MathF.BitDecrement(sorted[0]);
                if (float.IsFinite(below) && float.IsFinite(sorted[0])) edges.Add(below);
            }
            int distinct = 1;
            for (int i = 1; i < sorted.Length; i++) if (sorted[i] != sorted[i - 1]) distinct++;
            int binsLeft = maxBins - edges.Count, rowsLeft = sorted.Length, inBin = 0, distinctLeft = distinct;
            int start = 0;
            while (binsLeft > 1)
            {
                int end = RunEnd(sorted, start);
                if (end == sorted.Length) break;
                inBin += end - start;
                distinctLeft--;
                int next = RunEnd(sorted, end) - end;
                double share = (double)rowsLeft / binsLeft;
                if ((inBin >= share || inBin + next - share > share - inBin || distinctLeft <= binsLeft - 1)
                    && TryEdge(sorted[start], sorted[end], out float edge))
                {
                    edges.Add(edge);
                    rowsLeft -= inBin;
                    inBin = 0;
                    binsLeft--;
                }
                start = end;
            }
            return [.. edges];
        }

        private static int RunEnd(ReadOnlySpan<float> sorted, int start)
        {
            int end = start + 1;
            while (end < sorted.Length && sorted[end] == sorted[start]) end++;
            return end;
        }

        /// <summary>A finite threshold in [a, b): the midpoint, so unseen values between a and b split evenly.</summary>
        private static bool TryEdge(float a, float b, out float edge)
        {
            edge = (float)(((double)a + b) / 2);
            if (!(edge >= a && edge < b) || !float.IsFinite(edge)) edge = a;
            if (float.IsFinite(edge)) return true;
            edge = float.MinValue; // a = −∞
            return edge < b;
        }
    }

    /// <summary>
    /// Gradient, hessian and row sums of one bin of a leaf histogram, laid out as one <see cref="Vector256{T}"/> so a row
    /// is added with a single vector add (the count is a double: exact far beyond any row count).
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct HistogramBin
    {
        public double Gradient;
        public double Hessian;
        public double Count;
        private readonly double _unused;
    }

    /// <summary>The best split found for a leaf (Feature &lt; 0: none).</summary>
    private struct SplitCandidate
    {
        public int Feature;
        public int Bin;
        public double Gain;
        public double LeftGradient;
        public double LeftHessian;
        public int LeftCount;
    }

    /// <summary>
    /// Grows one tree at a time over the binned data, reusing its buffers between trees. Leaves own contiguous
    /// ranges of <see cref="_rows"/>, partitioned stably on each split so rows stay in ascending order.
    /// Leaf ids: the root is leaf 0; splitting leaf L keeps L for the left child and gives the right child the next id.
    /// Node ids are assigned in split order, so a child node always has a larger id than its parent.
    /// </summary>
    private sealed class TreeGrower
    {
        private readonly BinnedFeatures _data;
        private readonly int _maxLeaves, _minCount;
        private readonly double _lambda, _learningRate;
        private readonly HistogramBin[]?[] _histograms;
        private readonly int[] _rows, _scratch, _active;
        private int _activeCount;
        /// <summary>(g, h, 1, 0) per row, and the same gathered into a leaf's row order.</summary>
        private readonly Vector256<double>[] _rowSums, _ordered;

        private readonly int[] _leafStart, _leafCount, _leafParent;
        private readonly double[] _leafGradient, _leafHessian;
        private readonly float[] _leafValue;
        private readonly SplitCandidate[] _best;
        private int _leaves;

        private readonly int[] _nodeFeature, _nodeBin, _nodeLeft, _nodeRight;
        private readonly double[] _nodeGain;
        private int _nodes;

        public TreeGrower(BinnedFeatures data, Options options)
        {
            _data = data;
            _maxLeaves = options.NumberOfLeaves;
            _minCount = options.MinimumExampleCountPerLeaf;
            _lambda = options.L2Regularization;
            _learningRate = options.LearningRate;
            _histograms = new HistogramBin[]?[_maxLeaves];
            _rows = new int[data.RowCount];
            _scratch = new int[data.RowCount];
            _rowSums = new Vector256<double>[data.RowCount];
            _ordered = new Vector256<double>[data.RowCount];
            _active = new int[data.FeatureCount];
            _leafStart = new int[_maxLeaves];
            _leafCount = new int[_maxLeaves];
            _leafParent = new int[_maxLeaves];
            _leafGradient = new double[_maxLeaves];
            _leafHessian = new double[_maxLeaves];
            _leafValue = new float[_maxLeaves];
            _best = new SplitCandidate[_maxLeaves];
            _nodeFeature = new int[_maxLeaves - 1];
            _nodeBin = new int[_maxLeaves - 1];
            _nodeLeft = new int[_maxLeaves - 1];
            _nodeRight = new int[_maxLeaves - 1];
            _nodeGain = new double[_maxLeaves - 1];
        }

        public void Grow(double[] gradient, double[] hessian, ReadOnlySpan<int> features, ReadOnlySpan<int> rows)
        {
            for (int r = 0; r < _rowSums.Length; r++) _rowSums[r] = Vector256.Create(gradient[r], hessian[r], 1, 0);
            _activeCount = 0;
            foreach (int f in features)
                if (_data.BinCount(f) > 1) _active[_activeCount++] = f; // one bin: nothing to split on
            rows.CopyTo(_rows);
            _nodes = 0;
            _leaves = 1;
            _leafStart[0] = 0;
            _leafCount[0] = rows.Length;
            _leafParent[0] = -1;
            double g = 0, h = 0;
            foreach (int r in rows) { g += gradient[r]; h += hessian[r]; }
            _leafGradient[0] = g;
            _leafHessian[0] = h;
            BuildHistogram(Histogram(0), 0);
            FindBestSplit(0);

            while (_leaves < _maxLeaves)
            {
                int leaf = -1;
                double gain = 0;
                for (int l = 0; l < _leaves; l++)
                    if (_best[l].Feature >= 0 && _best[l].Gain > gain) { gain = _best[l].Gain; leaf = l; }
                if (leaf < 0) break;
                Split(leaf);
            }
            for (int l = 0; l < _leaves; l++)
            {
                double value = -_learningRate * _leafGradient[l] / (_leafHessian[l] + _lambda);
                _leafValue[l] = double.IsFinite(value) ? (float)value : 0f;
            }
        }

        private HistogramBin[] Histogram(int leaf) => _histograms[leaf] ??= new HistogramBin[_data.TotalBinCount];

        private void Split(int leaf)
        {
            var s = _best[leaf];
            int node = _nodes++;
            int right = _leaves++;
            _nodeFeature[node] = s.Feature;
            _nodeBin[node] = s.Bin;
            _nodeGain[node] = s.Gain;
            _nodeLeft[node] = ~leaf;
            _nodeRight[node] = ~right;
            int parent = _leafParent[leaf];
            if (parent >= 0)
            {
                if (_nodeLeft[parent] == ~leaf) _nodeLeft[parent] = node; else _nodeRight[parent] = node;
            }
            _leafParent[leaf] = node;
            _leafParent[right] = node;

            // Stable partition of the leaf's rows: bin ≤ split bin to the left.
            int start = _leafStart[leaf], count = _leafCount[leaf];
            var column = _data.Column(s.Feature);
            int left = start, moved = 0;
            for (int i = start; i < start + count; i++)
            {
                int r = _rows[i];
                if (column[r] <= s.Bin) _rows[left++] = r; else _scratch[moved++] = r;
            }
            Array.Copy(_scratch, 0, _rows, left, moved);
            Debug.Assert(left - start == s.LeftCount);
            _leafCount[leaf] = left - start;
            _leafStart[right] = left;
            _leafCount[right] = moved;
            double g = _leafGradient[leaf], h = _leafHessian[leaf];
            _leafGradient[leaf] = s.LeftGradient;
            _leafHessian[leaf] = s.LeftHessian;
            _leafGradient[right] = g - s.LeftGradient;
            _leafHessian[right] = h - s.LeftHessian;

            if (_leaves == _maxLeaves) return; // the tree is full: the children's splits would never be used
            // Histogram the smaller child from its rows; the larger one is the parent's minus it.
            var parentHistogram = Histogram(leaf);
            var other = Histogram(right);
            if (_leafCount[leaf] <= _leafCount[right])
            {
                _histograms[leaf] = other;
                _histograms[right] = parentHistogram;
                BuildHistogram(other, leaf);
                Subtract(parentHistogram, other);
            }
            else
            {
                BuildHistogram(other, right);
                Subtract(parentHistogram, other);
            }
            FindBestSplit(leaf);
            FindBestSplit(right);
        }

        /// <summary>
        /// Sums the leaf's rows into the active features' bins. Four features share each pass over the rows, which
        /// loads each row's sums once for four updates and overlaps the read-modify-write chains of features whose rows
        /// keep hitting the same bin. Every bin still sees its rows in ascending order, so the sums do not depend on the
        /// grouping.
        /// </summary>
        private void BuildHistogram(HistogramBin[] histogram, int leaf)
        {
            int start = _leafStart[leaf], count = _leafCount[leaf];
            var rows = _rows.AsSpan(start, count);
            // A leaf's rows are distinct and ascending, so a leaf of every row is 0..n−1: no gather, no indirection.
            bool everyRow = count == _data.RowCount;
            var ordered = everyRow ? _rowSums : _ordered.AsSpan(0, count);
            if (!everyRow)
                for (int i = 0; i < rows.Length; i++) ordered[i] = _rowSums[rows[i]];
            ref int row = ref MemoryMarshal.GetReference(rows);
            ref Vector256<double> sums = ref MemoryMarshal.GetReference(ordered);
            // Bin numbers are below BinCount by construction, and rows index the columns.
            int k = 0;
            for (; k + 3 < _activeCount; k += 4)
            {
                ref var bin0 = ref Bins(histogram, _active[k], out var column0);
                ref var bin1 = ref Bins(histogram, _active[k + 1], out var column1);
                ref var bin2 = ref Bins(histogram, _active[k + 2], out var column2);
                ref var bin3 = ref Bins(histogram, _active[k + 3], out var column3);
                ref byte c0 = ref MemoryMarshal.GetReference(column0), c1 = ref MemoryMarshal.GetReference(column1);
                ref byte c2 = ref MemoryMarshal.GetReference(column2), c3 = ref MemoryMarshal.GetReference(column3);
                for (int i = 0; i < count; i++)
                {
                    int r = everyRow ? i : Unsafe.Add(ref row, i);
                    var v = Unsafe.Add(ref sums, i);
                    Unsafe.Add(ref bin0, Unsafe.Add(ref c0, r)) += v;
                    Unsafe.Add(ref bin1, Unsafe.Add(ref c1, r)) += v;
                    Unsafe.Add(ref bin2, Unsafe.Add(ref c2, r)) += v;
                    Unsafe.Add(ref bin3, Unsafe.Add(ref c3, r)) += v;
                }
            }
            for (; k < _activeCount; k++)
            {
                ref var bin = ref Bins(histogram, _active[k], out var column);
                ref byte c = ref MemoryMarshal.GetReference(column);
                for (int i = 0; i < count; i++)
                {
                    int r = everyRow ? i : Unsafe.Add(ref row, i);
                    Unsafe.Add(ref bin, Unsafe.Add(ref c, r)) += Unsafe.Add(ref sums, i);
                }
            }
        }

        /// <summary>The feature's bins of the histogram, cleared, as vectors; and its column of bin numbers.</summary>
        private ref Vector256<double> Bins(HistogramBin[] histogram, int feature, out Span<byte> column)
        {
            var bins = histogram.AsSpan(_data.BinOffset[feature], _data.BinCount(feature));
            bins.Clear();
            column = _data.Column(feature);
            return ref Unsafe.As<HistogramBin, Vector256<double>>(ref MemoryMarshal.GetReference(bins));
        }

        /// <summary>target −= smaller, over the active features.</summary>
        private void Subtract(HistogramBin[] target, HistogramBin[] smaller)
        {
            for (int k = 0; k < _activeCount; k++)
            {
                int f = _active[k], o = _data.BinOffset[f], count = _data.BinCount(f);
                var t = MemoryMarshal.Cast<HistogramBin, Vector256<double>>(target.AsSpan(o, count));
                var s = MemoryMarshal.Cast<HistogramBin, Vector256<double>>(smaller.AsSpan(o, count));
                for (int b = 0; b < t.Length && b < s.Length; b++) t[b] -= s[b];
            }
        }

        /// <summary>
        /// Scans features in ascending index and bins in ascending order, keeping only strictly better splits, so ties go
        /// to the lowest feature, then the lowest bin. A split's score G_L²/(H_L+λ) + G_R²/(H_R+λ) is kept as a fraction
        /// and compared by cross-multiplication (denominators are positive): no division per candidate, and exact ties
        /// compare exactly equal.
        /// </summary>
        private void FindBestSplit(int leaf)
        {
            var best = new SplitCandidate { Feature = -1 };
            int total = _leafCount[leaf];
            if (total >= 2 * _minCount)
            {
                var histogram = _histograms[leaf]!;
                double g = _leafGradient[leaf], h = _leafHessian[leaf], lambda = _lambda;
                double parent = g * g / (h + lambda);
                double bestNumerator = parent, bestDenominator = 1; // a split must beat the unsplit leaf
                double minCount = _minCount, rows = total; // counts are exact in double
                for (int k = 0; k < _activeCount; k++)
                {
                    int f = _active[k];
                    // The last bin is never a left side.
                    var bins = histogram.AsSpan(_data.BinOffset[f], _data.BinCount(f) - 1);
                    double gl = 0, hl = 0, cl = 0;
                    for (int b = 0; b < bins.Length; b++)
                    {
                        ref HistogramBin bin = ref bins[b];
                        double c = bin.Count;
                        if (c == 0) continue; // same split as the previous bin
                        gl += bin.Gradient;
                        hl += bin.Hessian;
                        cl += c;
                        if (cl < minCount) continue;
                        if (rows - cl < minCount) break;
                        double hr = h - hl;
                        if (!(hl > MinimumHessian) || !(hr > MinimumHessian)) continue;
                        double gr = g - gl, dl = hl + lambda, dr = hr + lambda;
                        double numerator = gl * gl * dr + gr * gr * dl, denominator = dl * dr;
                        if (numerator * bestDenominator > bestNumerator * denominator)
                        {
                            bestNumerator = numerator;
                            bestDenominator = denominator;
                            best = new SplitCandidate { Feature = f, Bin = b, LeftGradient = gl, LeftHessian = hl, LeftCount = (int)cl };
                        }
                    }
                }
                if (best.Feature >= 0) best.Gain = 0.5 * (bestNumerator / bestDenominator - parent);
                if (!(best.Gain > 0)) best.Feature = -1; // rounding: no measurable improvement
            }
            _best[leaf] = best;
        }

        /// <summary>Adds the tree's output to every training row's score, bagged-out rows included.</summary>
        public void AddScores(double[] score)
        {
            byte[] bins = _data.Bins;
            int n = score.Length;
            for (int r = 0; r < n; r++)
            {
                int node = _nodes > 0 ? 0 : ~0;
                while (node >= 0)
                    node = bins[_nodeFeature[node] * n + r] <= _nodeBin[node] ? _nodeLeft[node] : _nodeRight[node];
                score[r] += _leafValue[~node];
            }
        }

        public void AppendTo(EnsembleBuilder ensemble)
        {
            ensemble.NodeCounts.Add(_nodes);
            for (int i = 0; i < _nodes; i++)
            {
                int f = _nodeFeature[i];
                ensemble.Feature.Add(f);
                ensemble.Threshold.Add(_data.Edges[f][_nodeBin[i]]);
                ensemble.Left.Add(_nodeLeft[i]);
                ensemble.Right.Add(_nodeRight[i]);
                ensemble.Gain.Add((float)_nodeGain[i]);
            }
            for (int l = 0; l < _leaves; l++) ensemble.LeafValue.Add(_leafValue[l]);
        }
    }

    /// <summary>Trees in the per-tree-local form the model file uses.</summary>
    private sealed class EnsembleBuilder(int featureCount)
    {
        public readonly List<int> NodeCounts = [];
        public readonly List<int> Feature = [], Left = [], Right = [];
        public readonly List<float> Threshold = [], Gain = [], LeafValue = [];

        public TreeEnsembleModelParameters Build(float bias) =>
            new(featureCount, bias, [.. NodeCounts], [.. Feature], [.. Threshold], [.. Left], [.. Right], [.. Gain], [.. LeafValue]);
    }
}
