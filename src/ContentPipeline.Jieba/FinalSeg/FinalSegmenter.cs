using ContentPipeline.Jieba.Dictionary;

namespace ContentPipeline.Jieba.FinalSeg;

/// <summary>
/// finalseg's <c>cut</c>, applied by accurate mode to a run of characters that the route left as single
/// characters and that is not itself a dictionary word. Runs of <c>[\u4E00-\u9FD5]</c> go through
/// <see cref="Viterbi"/> (a found word that is in <c>Force_Split_Words</c> comes out character by character);
/// everything else is split by <c>re_skip = ([a-zA-Z0-9]+(?:\.\d+)?%?)</c>, keeping the non-empty pieces.
/// </summary>
internal static class FinalSegmenter
{
    public static void Cut(HmmModel model, SegmenterDictionary dict, ReadOnlySpan<char> text, int start, int end, TokenSink sink, Scratch scratch)
    {
        int p = start;
        while (p < end)
        {
            int q = p;
            if (CharClasses.IsHmmHan(text[p]))
            {
                while (q < end && CharClasses.IsHmmHan(text[q])) q++;
                CutHan(model, dict, text, p, q, sink, scratch);
            }
            else
            {
                while (q < end && !CharClasses.IsHmmHan(text[q])) q++;
                CutSkip(text, p, q, sink);
            }
            p = q;
        }
    }

    private static void CutHan(HmmModel model, SegmenterDictionary dict, ReadOnlySpan<char> text, int start, int end, TokenSink sink, Scratch scratch)
    {
        int n = end - start;
        var obs = text[start..end];
        scratch.EnsureHmm(n);
        var states = scratch.States.AsSpan(0, n);
        Viterbi.Run(model, obs, states, scratch.Back);
        bool forceSplit = dict.HasForceSplit;
        int begin = 0, next = 0;
        for (int i = 0; i < n; i++)
        {
            switch (states[i])
            {
                case HmmModel.B:
                    begin = i;
                    break;
                case HmmModel.E:
                    Emit(dict, forceSplit, obs, start, begin, i + 1, sink);
                    next = i + 1;
                    break;
                case HmmModel.S:
                    Emit(dict, forceSplit, obs, start, i, i + 1, sink);
                    next = i + 1;
                    break;
            }
        }
        if (next < n) Emit(dict, forceSplit, obs, start, next, n, sink);
    }

    private static void Emit(SegmenterDictionary dict, bool forceSplit, ReadOnlySpan<char> obs, int offset, int a, int b, TokenSink sink)
    {
        if (forceSplit && dict.IsForceSplit(obs[a..b]))
        {
            for (int i = a; i < b; i++) sink.Add(offset + i, 1);
        }
        else sink.Add(offset + a, b - a);
    }

    /// <summary><c>re_skip.split(blk)</c>, yielding the non-empty pieces (the matches and what lies between).</summary>
    private static void CutSkip(ReadOnlySpan<char> text, int start, int end, TokenSink sink)
    {
        int pieceStart = start, p = start;
        while (p < end)
        {
            if (!CharClasses.IsEng(text[p])) { p++; continue; }
            int q = p + 1;
            while (q < end && CharClasses.IsEng(text[q])) q++;
            if (q + 1 < end && text[q] == '.' && CharClasses.IsDigit(text[q + 1]))
            {
                q += 2;
                while (q < end && CharClasses.IsDigit(text[q])) q++;
            }
            if (q < end && text[q] == '%') q++;
            if (p > pieceStart) sink.Add(pieceStart, p - pieceStart);
            sink.Add(p, q - p);
            pieceStart = p = q;
        }
        if (end > pieceStart) sink.Add(pieceStart, end - pieceStart);
    }
}
