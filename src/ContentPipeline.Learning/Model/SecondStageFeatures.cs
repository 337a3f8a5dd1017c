using System.Buffers;
using ContentPipeline.Learning.Features;

namespace ContentPipeline.Learning.Model;

/// <summary>
/// Features of the second-stage model: a block's first-stage score, its neighbours' scores (±1, ±2, window
/// ±3 mean/min/max), the scores of everything before and after it, and a few shape features. This is where
/// "a short line between essay paragraphs" and "a headline inside a ticker" are told apart. The words' evidence
/// (the text stage's score, or without one the n-gram part of the first-stage score) comes in separately, for the
/// block and its neighbours, so that chrome written as a sentence ("Hi, I'm Lena! I write about…") can outvote its
/// prose-like shape; and each block is placed within its own document (essay anchors before and after it, its score
/// against the document's median). In HTML, a block also sees how the other blocks of its container scored: a template
/// repeats its chrome (reply after reply, caption after caption) in one container.
/// </summary>
public static class SecondStageFeatures
{
    public const int Count = 38;

    private static readonly string[] Names =
    [
        "s2:own_score", "s2:prev1_score", "s2:next1_score", "s2:prev2_score", "s2:next2_score", "s2:has_prev", "s2:has_next",
        "s2:window3_mean", "s2:window3_min", "s2:window3_max", "s2:after_mean", "s2:before_mean", "s2:after_boiler_share",
        "s2:before_boiler_share", "s2:log_chars", "s2:ends_with_sentence_end", "s2:relative_position", "s2:distance_to_end",
        "s2:length_to_median", "s2:next3_min", "s2:gap_run_mean", "s2:window6_mean", "s2:own_text", "s2:prev1_text",
        "s2:next1_text", "s2:window3_text", "s2:gap_run_text", "s2:before_min", "s2:after_min", "s2:doc_median",
        "s2:own_minus_median", "s2:text_minus_median", "s2:content_before_distance", "s2:content_after_distance",
        "s2:rank", "s2:group_mean", "s2:group_text", "s2:group_size",
    ];

    public static string Name(int i) => Names[i];

    private static float Squash(float s) => Math.Clamp(s, -12f, 12f) / 6f;

    private const int OwnText = 22, PrevText = 23, NextText = 24, Window3Text = 25, GapRunText = 26, BeforeMin = 27,
        AfterMin = 28, DocMedian = 29, OwnMinusMedian = 30,
        TextMinusMedian = 31, ContentBeforeDistance = 32, ContentAfterDistance = 33, Rank = 34,
        GroupMean = 35, GroupText = 36, GroupSize = 37;

    // A first-stage score this far on the essay side makes a block an anchor of the essay.
    private const float ConfidentContent = -2f;

    /// <summary>
    /// Fills <paramref name="output"/> (n × <see cref="Count"/>) from first-stage scores, the words' scores
    /// (<paramref name="textScores"/>) and dense rows.
    /// </summary>
    public static void Compute(ReadOnlySpan<float> scores, ReadOnlySpan<float> textScores, DocumentFeatures dense, Span<float> output)
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
            f[OwnText] = Squash(textScores[i]);
            if (i > 0) f[PrevText] = Squash(textScores[i - 1]);
            if (i + 1 < n) f[NextText] = Squash(textScores[i + 1]);
            float text3 = 0;
            for (int j = lo; j <= hi; j++) if (j != i) text3 += Squash(textScores[j]);
            if (cnt > 0) f[Window3Text] = text3 / cnt;
            beforeSum += own;
            if (scores[i] > 0) beforePos++;
        }
        // The most essay-like score before and after each block: nothing confidently essay after a block means
        // it sits in the page's tail, whatever its own words say.
        float running = 2.5f;   // above any squashed score (at most 2): "nothing on this side"
        for (int i = 0; i < n; i++) { output[i * Count + BeforeMin] = running; running = MathF.Min(running, Squash(scores[i])); }
        running = 2.5f;
        for (int i = n - 1; i >= 0; i--) { output[i * Count + AfterMin] = running; running = MathF.Min(running, Squash(scores[i])); }
        // A site's style shifts all its scores: the block relative to its document's median says more than alone.
        float[] sorted = ArrayPool<float>.Shared.Rent(n);
        var scoresSorted = sorted.AsSpan(0, n);
        textScores.CopyTo(scoresSorted);
        scoresSorted.Sort();
        float textMedian = Median(scoresSorted);
        scores.CopyTo(scoresSorted);
        scoresSorted.Sort();
        float median = Median(scoresSorted);
        for (int i = 0; i < n; i++)
        {
            output[i * Count + DocMedian] = median;
            output[i * Count + OwnMinusMedian] = Squash(scores[i]) - median;
            output[i * Count + TextMinusMedian] = Squash(textScores[i]) - textMedian;
            // share of the document's blocks that score lower (more essay-like) than this one
            output[i * Count + Rank] = (float)LowerBound(scoresSorted, scores[i]) / n;
        }
        ArrayPool<float>.Shared.Return(sorted);
        // How many blocks away the nearest essay anchor is, on each side (log-scaled; 3 = none).
        int last = -1;
        for (int i = 0; i < n; i++)
        {
            output[i * Count + ContentBeforeDistance] = last < 0 ? 3f : MathF.Log(1 + i - last) / 2f;
            if (scores[i] <= ConfidentContent) last = i;
        }
        last = -1;
        for (int i = n - 1; i >= 0; i--)
        {
            output[i * Count + ContentAfterDistance] = last < 0 ? 3f : MathF.Log(1 + last - i) / 2f;
            if (scores[i] <= ConfidentContent) last = i;
        }
        FillGroups(scores, textScores, dense, output);
        // Mean score of the run of consecutive non-prose blocks (a prose block is its own run).
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            if (dense.DenseRow(start)[DenseBlockFeatures.IsProse] == 0)
                while (end < n && dense.DenseRow(end)[DenseBlockFeatures.IsProse] == 0) end++;
            float sum = 0, textSum = 0;
            for (int j = start; j < end; j++) { sum += Squash(scores[j]); textSum += Squash(textScores[j]); }
            float mean = sum / (end - start), textMean = textSum / (end - start);
            for (int j = start; j < end; j++) { output[j * Count + 20] = mean; output[j * Count + GapRunText] = textMean; }
            start = end;
        }
    }

    /// <summary>
    /// How the other blocks of the block's HTML container scored: a page template repeats its chrome (reply after
    /// reply, caption after caption) in one container, so a block the words cannot place takes its group's verdict.
    /// </summary>
    private static void FillGroups(ReadOnlySpan<float> scores, ReadOnlySpan<float> textScores, DocumentFeatures dense, Span<float> output)
    {
        int n = scores.Length;
        float[] sums = ArrayPool<float>.Shared.Rent(3 * n);
        var score = sums.AsSpan(0, n); var text = sums.AsSpan(n, n); var size = sums.AsSpan(2 * n, n);
        score.Clear(); text.Clear(); size.Clear();
        var group = dense.Group;
        for (int i = 0; i < n; i++)
        {
            int g = group[i];
            if (g < 0) continue;
            score[g] += Squash(scores[i]); text[g] += Squash(textScores[i]); size[g]++;
        }
        for (int i = 0; i < n; i++)
        {
            int g = group[i];
            if (g < 0 || size[g] < 2) continue;
            float others = size[g] - 1;
            var f = output.Slice(i * Count, Count);
            f[GroupMean] = (score[g] - Squash(scores[i])) / others;
            f[GroupText] = (text[g] - Squash(textScores[i])) / others;
            f[GroupSize] = MathF.Log(1 + others) / 3f;
        }
        ArrayPool<float>.Shared.Return(sums);
    }

    /// <summary>Median of the squashed scores, from the raw scores in ascending order.</summary>
    private static float Median(ReadOnlySpan<float> sorted)
    {
        int n = sorted.Length;
        return n % 2 == 1 ? Squash(sorted[n / 2]) : 0.5f * (Squash(sorted[n / 2 - 1]) + Squash(sorted[n / 2]));
    }

    /// <summary>How many of <paramref name="sorted"/> are below <paramref name="value"/>.</summary>
    private static int LowerBound(ReadOnlySpan<float> sorted, float value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
