using ContentPipeline.Learning.Features;

namespace ContentPipeline.Learning.Model;

/// <summary>
/// Features of the second-stage model: a block's first-stage score, its neighbours' scores (±1, ±2, window
/// ±3 mean/min/max), the scores of everything before and after it, and a few shape features. This is where
/// "a short line between essay paragraphs" and "a headline inside a ticker" are told apart.
/// </summary>
public static class SecondStageFeatures
{
    public const int Count = 22;

    private static readonly string[] Names =
    [
        "s2:own_score", "s2:prev1_score", "s2:next1_score", "s2:prev2_score", "s2:next2_score", "s2:has_prev", "s2:has_next",
        "s2:window3_mean", "s2:window3_min", "s2:window3_max", "s2:after_mean", "s2:before_mean", "s2:after_boiler_share",
        "s2:before_boiler_share", "s2:log_chars", "s2:ends_with_sentence_end", "s2:relative_position", "s2:distance_to_end",
        "s2:length_to_median", "s2:next3_min", "s2:gap_run_mean", "s2:window6_mean",
    ];

    public static string Name(int i) => Names[i];

    private static float Squash(float s) => Math.Clamp(s, -12f, 12f) / 6f;

    /// <summary>Fills <paramref name="output"/> (n × <see cref="Count"/>) from first-stage scores and dense rows.</summary>
    public static void Compute(ReadOnlySpan<float> scores, DocumentFeatures dense, Span<float> output)
    {
        int n = scores.Length;
        output[..(n * Count)].Clear();
        // suffix sums for "everything after"
        float totalSum = 0; int totalPos = 0;
        for (int i = 0; i < n; i++) { totalSum += Squash(scores[i]); if (scores[i] > 0) totalPos++; }
        float beforeSum = 0; int beforePos = 0;
        for (int i = 0; i < n; i++)
        {
            var f = output.Slice(i * Count, Count);
            float own = Squash(scores[i]);
            f[0] = own;
            if (i > 0) { f[1] = Squash(scores[i - 1]); f[5] = 1; }
            if (i + 1 < n) { f[2] = Squash(scores[i + 1]); f[6] = 1; }
            if (i > 1) f[3] = Squash(scores[i - 2]);
            if (i + 2 < n) f[4] = Squash(scores[i + 2]);
            int lo = Math.Max(0, i - 3), hi = Math.Min(n - 1, i + 3);
            float sum = 0, min = float.MaxValue, max = float.MinValue; int cnt = 0;
            for (int j = lo; j <= hi; j++)
            {
                if (j == i) continue;
                float s = Squash(scores[j]);
                sum += s; cnt++;
                if (s < min) min = s;
                if (s > max) max = s;
            }
            if (cnt > 0) { f[7] = sum / cnt; f[8] = min; f[9] = max; }
            int after = n - 1 - i;
            float afterSum = totalSum - beforeSum - own;
            int afterPos = totalPos - beforePos - (scores[i] > 0 ? 1 : 0);
            if (after > 0) { f[10] = afterSum / after; f[12] = (float)afterPos / after; }
            if (i > 0) { f[11] = beforeSum / i; f[13] = (float)beforePos / i; }
            var d = dense.DenseRow(i);
            f[14] = d[DenseBlockFeatures.LogChars];
            f[15] = d[DenseBlockFeatures.EndsWithSentenceEnd];
            f[16] = d[DenseBlockFeatures.RelativePosition];
            f[17] = d[DenseBlockFeatures.DistanceToEnd];
            f[18] = d[DenseBlockFeatures.LengthToMedian];
            float next3 = float.MaxValue;
            for (int j = i + 1; j <= Math.Min(n - 1, i + 3); j++) next3 = Math.Min(next3, Squash(scores[j]));
            f[19] = next3 == float.MaxValue ? 0 : next3;
            float sum6 = 0; int cnt6 = 0;
            for (int j = Math.Max(0, i - 6); j <= Math.Min(n - 1, i + 6); j++) { if (j == i) continue; sum6 += Squash(scores[j]); cnt6++; }
            f[21] = cnt6 == 0 ? 0 : sum6 / cnt6;
            beforeSum += own;
            if (scores[i] > 0) beforePos++;
        }
        // Mean score of the run of consecutive non-prose blocks (a prose block is its own run).
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            if (dense.DenseRow(start)[DenseBlockFeatures.IsProse] == 0)
                while (end < n && dense.DenseRow(end)[DenseBlockFeatures.IsProse] == 0) end++;
            float sum = 0;
            for (int j = start; j < end; j++) sum += Squash(scores[j]);
            float mean = sum / (end - start);
            for (int j = start; j < end; j++) output[j * Count + 20] = mean;
            start = end;
        }
    }
}
