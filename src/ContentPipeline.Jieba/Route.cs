using System.Runtime.CompilerServices;
using ContentPipeline.Jieba.Dictionary;

namespace ContentPipeline.Jieba;

/// <summary>
/// jieba's <c>calc</c>: the maximum-probability route through the DAG of dictionary words, computed right to left.
/// <c>route[idx] = max((log(FREQ.get(s[idx:x+1]) or 1) - logtotal + route[x+1][0], x) for x in DAG[idx])</c>:
/// the same floating-point operations in the same order, and ties go to the larger <c>x</c> as Python's tuple
/// comparison does. The DAG row is walked on the fly instead of being stored.
/// </summary>
internal static class Route
{
    /// <param name="s">a block of <c>re_han_default</c> characters</param>
    /// <param name="end">receives, for every start index, the inclusive end index of the chosen word (length ≥ n)</param>
    /// <param name="prob">scratch for the route log-probabilities (length ≥ n + 1)</param>
    public static void Compute(SegmenterDictionary dict, ReadOnlySpan<char> s, Span<int> end, Span<double> prob, Span<int> scratchEnds)
    {
        int n = s.Length;
        double logTotal = dict.LogTotal;
        prob[n] = 0;
        if (!dict.HasOverlay)
        {
            ComputeBase(dict.Base, s, end, prob, logTotal);
            return;
        }

        for (int idx = n - 1; idx >= 0; idx--)
        {
            int count = dict.WordEnds(s, idx, scratchEnds);
            double best = double.NegativeInfinity;
            int bestX = -1;
            for (int j = 0; j < count; j++)
            {
                int x = scratchEnds[j];
                dict.TryGetFreq(s[idx..(x + 1)], out int f);
                double p = (Math.Log(f) - logTotal) + prob[x + 1];
                if (p >= best) { best = p; bestX = x; }
            }
            if (bestX < 0) { best = (0.0 - logTotal) + prob[idx + 1]; bestX = idx; }
            prob[idx] = best;
            end[idx] = bestX;
        }
    }

    /// <summary>The route over the shared dictionary alone: the hot path, one packed node read per walk step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ComputeBase(PrefixDictionary b, ReadOnlySpan<char> s, Span<int> end, Span<double> prob, double logTotal)
    {
        int n = s.Length;
        var nodes = b.Nodes;
        var edges = b.Edges;
        var root = b.RootChild;
        for (int idx = n - 1; idx >= 0; idx--)
        {
            char c0 = s[idx];
            int id = root[c0];
            double best = double.NegativeInfinity;
            int bestX = -1;
            if (id != 0)
            {
                double lf = nodes[id].LogFreq;
                if (lf >= 0) { best = (lf - logTotal) + prob[idx + 1]; bestX = idx; }
                int x = idx + 1;
                // Second step through the pair table, further steps through the node's sorted children.
                id = x < n ? b.Pair(c0, s[x]) : 0;
                while (id != 0)
                {
                    ref readonly TrieNode node = ref nodes[id];
                    lf = node.LogFreq;
                    if (lf >= 0)
                    {
                        double p = (lf - logTotal) + prob[x + 1];
                        if (p >= best) { best = p; bestX = x; }
                    }
                    if (++x >= n) break;
                    id = PrefixDictionary.FindChild(edges, node.FirstChild, node.EndChild, s[x]);
                }
            }
            if (bestX < 0) { best = (0.0 - logTotal) + prob[idx + 1]; bestX = idx; }
            prob[idx] = best;
            end[idx] = bestX;
        }
    }
}
