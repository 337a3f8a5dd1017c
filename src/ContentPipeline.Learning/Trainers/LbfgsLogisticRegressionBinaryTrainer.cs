using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ContentPipeline.Learning.Data;

namespace ContentPipeline.Learning.Trainers;

/// <summary>
/// Binary logistic regression with L2 regularisation, optimised with L-BFGS (two-loop recursion,
/// backtracking Armijo line search with quadratic interpolation). Minimises
/// Σᵢ cᵢ·[log(1+e^{zᵢ}) − yᵢ zᵢ] + (λ/2)‖w‖², zᵢ = w·xᵢ + b, cᵢ the row weight; the bias is not
/// regularised. Each fit is single-threaded and deterministic: the same data and options give the same bits. A fit
/// keeps no state in the trainer, so one instance can run several fits at once (the stacking trainer does).
/// Only features that occur in the data are optimised (the others have zero gradient and stay 0).
/// </summary>
public sealed class LbfgsLogisticRegressionBinaryTrainer
{
    public sealed record Options
    {
        /// <summary>λ of the L2 penalty (λ/2)‖w‖² added to the summed loss.</summary>
        public float L2Regularization { get; init; } = 1f;
        /// <summary>Stop when the mean relative decrease of the objective over the last 5 iterations falls below this.</summary>
        public double OptimizationTolerance { get; init; } = 1e-7;
        public int MaximumNumberOfIterations { get; init; } = 200;
        /// <summary>Number of (s, y) pairs kept by L-BFGS.</summary>
        public int HistorySize { get; init; } = 10;
    }

    private readonly Options _options;

    public LbfgsLogisticRegressionBinaryTrainer(Options? options = null)
    {
        _options = options ?? new Options();
        if (!(_options.L2Regularization >= 0)) throw new ArgumentOutOfRangeException(nameof(options), "L2Regularization must be >= 0");
        if (_options.HistorySize < 1) throw new ArgumentOutOfRangeException(nameof(options), "HistorySize must be >= 1");
        if (_options.MaximumNumberOfIterations < 1) throw new ArgumentOutOfRangeException(nameof(options), "MaximumNumberOfIterations must be >= 1");
    }

    public LinearBinaryModelParameters Fit(SparseDataset data)
    {
        // Compact the feature space to the features that occur.
        var map = new int[data.Dimension];
        Array.Fill(map, -1);
        int d = 0;
        for (int r = 0; r < data.Count; r++)
            foreach (int j in data.Indices(r))
                if (map[j] < 0) map[j] = -2;
        var back = new List<int>();
        for (int j = 0; j < map.Length; j++)
            if (map[j] == -2) { map[j] = d++; back.Add(j); }
        int rows = data.Count;
        var rowStart = new int[rows + 1];
        var idx = new int[data.NonZeroCount];
        var val = new float[data.NonZeroCount];   // widened exactly to double where used: same bits, half the bytes streamed
        var y = new double[rows];
        var c = new double[rows];
        int k = 0;
        for (int r = 0; r < rows; r++)
        {
            var ri = data.Indices(r);
            var rv = data.Values(r);
            for (int i = 0; i < ri.Length; i++) { idx[k] = map[ri[i]]; val[k] = rv[i]; k++; }
            rowStart[r + 1] = k;
            y[r] = data.Label(r) ? 1 : 0;
            c[r] = data.Weight(r);
        }
        var problem = new Problem(rowStart, idx, val, y, c, d, _options.L2Regularization);
        var x = Minimise(problem, d + 1);
        var weights = new float[data.Dimension];
        for (int j = 0; j < d; j++) weights[back[j]] = (float)x[j];
        return new LinearBinaryModelParameters(weights, (float)x[d]);
    }

    /// <summary>The objective and its gradient over compact features; the last coordinate is the bias.</summary>
    internal sealed class Problem(int[] rowStart, int[] idx, float[] val, double[] y, double[] c, int d, double lambda)
    {
        public double Evaluate(double[] x, double[] g)
        {
            // The inner loops index without bounds checks. That is safe because Fit built the problem: every index was
            // mapped into [0, d), rowStart rises from 0 to idx.Length == val.Length; and x and g are checked here.
            if (x.Length != d + 1 || g.Length != d + 1) throw new ArgumentException($"x and g must have {d + 1} elements");
            Array.Clear(g);
            double f = 0, bias = x[d], gb = 0;
            ref double xs = ref MemoryMarshal.GetArrayDataReference(x);
            ref double gs = ref MemoryMarshal.GetArrayDataReference(g);
            ref int ids = ref MemoryMarshal.GetArrayDataReference(idx);
            ref float vs = ref MemoryMarshal.GetArrayDataReference(val);
            int rows = y.Length, r = 0;
            // Two rows' dot products run side by side: each is a chain of dependent adds (latency-bound), and two
            // independent chains overlap. Each row still sums in its own order, and the rows' gradients are added in
            // row order, so the bits are those of one row at a time.
            for (; r + 1 < rows; r += 2)
            {
                int s0 = rowStart[r], e0 = rowStart[r + 1], e1 = rowStart[r + 2];
                int common = Math.Min(e0 - s0, e1 - e0);
                double z0 = bias, z1 = bias;
                for (int i = 0; i < common; i++)
                {
                    z0 += Unsafe.Add(ref xs, Unsafe.Add(ref ids, s0 + i)) * Unsafe.Add(ref vs, s0 + i);
                    z1 += Unsafe.Add(ref xs, Unsafe.Add(ref ids, e0 + i)) * Unsafe.Add(ref vs, e0 + i);
                }
                for (int i = s0 + common; i < e0; i++) z0 += Unsafe.Add(ref xs, Unsafe.Add(ref ids, i)) * Unsafe.Add(ref vs, i);
                for (int i = e0 + common; i < e1; i++) z1 += Unsafe.Add(ref xs, Unsafe.Add(ref ids, i)) * Unsafe.Add(ref vs, i);
                AddRow(r, z0, s0, e0, ref f, ref gb, ref gs, ref ids, ref vs);
                AddRow(r + 1, z1, e0, e1, ref f, ref gb, ref gs, ref ids, ref vs);
            }
            for (; r < rows; r++)
            {
                int s0 = rowStart[r], e0 = rowStart[r + 1];
                double z = bias;
                for (int i = s0; i < e0; i++) z += Unsafe.Add(ref xs, Unsafe.Add(ref ids, i)) * Unsafe.Add(ref vs, i);
                AddRow(r, z, s0, e0, ref f, ref gb, ref gs, ref ids, ref vs);
            }
            double reg = 0;
            for (int j = 0; j < d; j++) { reg += x[j] * x[j]; g[j] += lambda * x[j]; }
            g[d] = gb;
            return f + 0.5 * lambda * reg;
        }

        /// <summary>Row <paramref name="r"/>'s loss into <paramref name="f"/>, its gradient into <paramref name="gs"/> and <paramref name="gb"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void AddRow(int r, double z, int start, int end, ref double f, ref double gb, ref double gs, ref int ids, ref float vs)
        {
            // One exp serves the loss and the probability, in the form that cannot overflow.
            double ez = Math.Exp(-Math.Abs(z));
            double loss = z > 0 ? z + Math.Log(1 + ez) : Math.Log(1 + ez);
            f += c[r] * (loss - y[r] * z);
            double p = z >= 0 ? 1 / (1 + ez) : ez / (1 + ez);
            double res = c[r] * (p - y[r]);
            if (res == 0) return;
            for (int i = start; i < end; i++) Unsafe.Add(ref gs, Unsafe.Add(ref ids, i)) += res * Unsafe.Add(ref vs, i);
            gb += res;
        }
    }

    private double[] Minimise(Problem problem, int n)
    {
        int m = _options.HistorySize;
        var x = new double[n];
        var g = new double[n];
        var xn = new double[n];
        var gn = new double[n];
        var dir = new double[n];
        var s = new double[m][];
        var yv = new double[m][];
        var rho = new double[m];
        var alpha = new double[m];
        int stored = 0, head = 0;
        double f = problem.Evaluate(x, g);
        var improvements = new Queue<double>();
        int iter = 0;
        for (; iter < _options.MaximumNumberOfIterations; iter++)
        {
            double gnorm = Math.Sqrt(Dot(g, g));
            if (gnorm <= 1e-12 * Math.Max(1, Math.Abs(f))) break;
            // Two-loop recursion: dir = -H·g.
            Array.Copy(g, dir, n);
            for (int i = 0; i < stored; i++)
            {
                int j = (head - 1 - i + m) % m;
                alpha[j] = rho[j] * Dot(s[j], dir);
                Axpy(-alpha[j], yv[j], dir);
            }
            if (stored > 0)
            {
                int last = (head - 1 + m) % m;
                double gamma = Dot(s[last], yv[last]) / Dot(yv[last], yv[last]);
                Scale(dir, gamma);
            }
            else Scale(dir, 1 / gnorm);
            for (int i = stored - 1; i >= 0; i--)
            {
                int j = (head - 1 - i + m) % m;
                double beta = rho[j] * Dot(yv[j], dir);
                Axpy(alpha[j] - beta, s[j], dir);
            }
            Scale(dir, -1);
            double gd = Dot(g, dir);
            if (!(gd < 0))
            {
                // Not a descent direction: restart from steepest descent.
                stored = 0; head = 0;
                for (int i = 0; i < n; i++) dir[i] = -g[i] / gnorm;
                gd = -gnorm;
            }
            // Backtracking line search (Armijo, c1 = 1e-4) with quadratic interpolation.
            double step = 1, fn = 0;
            bool accepted = false;
            for (int ls = 0; ls < 60; ls++)
            {
                for (int i = 0; i < n; i++) xn[i] = x[i] + step * dir[i];
                fn = problem.Evaluate(xn, gn);
                if (fn <= f + 1e-4 * step * gd) { accepted = true; break; }
                double q = -gd * step * step / (2 * (fn - f - gd * step));
                step = double.IsFinite(q) ? Math.Clamp(q, 0.1 * step, 0.5 * step) : 0.5 * step;
            }
            if (!accepted) break;
            s[head] ??= new double[n];
            yv[head] ??= new double[n];
            for (int i = 0; i < n; i++) { s[head][i] = xn[i] - x[i]; yv[head][i] = gn[i] - g[i]; }
            double sy = Dot(s[head], yv[head]);
            if (sy > 1e-12)
            {
                rho[head] = 1 / sy;
                head = (head + 1) % m;
                if (stored < m) stored++;
            }
            (x, xn) = (xn, x);
            (g, gn) = (gn, g);
            double improvement = (f - fn) / Math.Max(1, Math.Abs(fn));
            f = fn;
            improvements.Enqueue(improvement);
            if (improvements.Count > 5) improvements.Dequeue();
            double mean = 0;
            foreach (var v in improvements) mean += v;
            mean /= improvements.Count;
            if (improvements.Count == 5 && mean < _options.OptimizationTolerance) { iter++; break; }
        }
        return x;
    }

    // Scalar on purpose: a vector sum would add in another order and change the bits.
    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    // Element-wise, so the vector form gives the same bits as the scalar loop (the JIT does not fuse multiply-add).
    private static void Axpy(double a, double[] x, double[] y)
    {
        var av = new Vector<double>(a);
        int i = 0;
        for (; i + Vector<double>.Count <= y.Length; i += Vector<double>.Count)
            (new Vector<double>(y, i) + av * new Vector<double>(x, i)).CopyTo(y, i);
        for (; i < y.Length; i++) y[i] += a * x[i];
    }

    private static void Scale(double[] x, double a)
    {
        var av = new Vector<double>(a);
        int i = 0;
        for (; i + Vector<double>.Count <= x.Length; i += Vector<double>.Count)
            (new Vector<double>(x, i) * av).CopyTo(x, i);
        for (; i < x.Length; i++) x[i] *= a;
    }
}
