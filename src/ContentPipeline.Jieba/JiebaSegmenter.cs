using ContentPipeline.Jieba.Dictionary;
using ContentPipeline.Jieba.FinalSeg;

namespace ContentPipeline.Jieba;

/// <summary>
/// Chinese word segmentation with output identical to Python jieba 0.42.1 (<c>jieba.Tokenizer</c>), with the API
/// of jieba.NET's <c>JiebaSegmenter</c>.
/// <para>
/// The default dictionary and HMM are embedded, loaded lazily on first use (or by <see cref="Initialize"/>) and
/// shared by all instances. Cutting is thread-safe and lock-free; <see cref="AddWord"/>, <see cref="DeleteWord"/>,
/// <see cref="SuggestFreq(string, bool)"/> with tune and <see cref="LoadUserDict(string)"/> change only this
/// instance, take a lock, and publish the change atomically (a cut that is already running finishes with the
/// dictionary it started with). Each change copies this instance's added words, so add many words with one
/// <see cref="LoadUserDict(string)"/> or <see cref="AddWords"/> rather than thousands of <see cref="AddWord"/> calls.
/// </para>
/// <para>
/// Offsets (<see cref="Token"/>, <see cref="TokenRange"/>) are in UTF-16 code units. Python strings are code points:
/// a character outside the BMP is never split here either, it is one token exactly where jieba makes it one.
/// </para>
/// </summary>
public sealed partial class JiebaSegmenter
{
    private readonly object _writeLock = new();
    private volatile SegmenterDictionary? _dict;

    public JiebaSegmenter()
    {
    }

    /// <summary>Loads the default dictionary and HMM now instead of on first use (jieba's <c>initialize()</c>).</summary>
    public static void Initialize()
    {
        _ = PrefixDictionary.Default;
        _ = HmmModel.Default;
    }

    private SegmenterDictionary Dict
    {
        get
        {
            var d = _dict;
            if (d != null) return d;
            lock (_writeLock)
            {
                return _dict ??= new SegmenterDictionary(PrefixDictionary.Default);
            }
        }
    }

    private static HmmModel Hmm => HmmModel.Default;

    /// <summary>jieba's <c>total</c>: the sum of all frequencies, including those added.</summary>
    public long Total => Dict.Total;

    /// <summary><c>FREQ.get(word)</c>: the word's frequency, 0 for a prefix of a word, null when unknown.</summary>
    public int? GetFrequency(string word) => Dict.TryGetFreq(word, out int f) ? f : null;

    /// <summary>Tags given with <see cref="AddWord"/> or in a user dictionary (jieba's <c>user_word_tag_tab</c>).</summary>
    public IReadOnlyDictionary<string, string> UserWordTags => Dict.Tags;

    // ---------------------------------------------------------------- cutting: string API

    /// <summary>jieba's <c>cut(sentence, cut_all, HMM)</c>.</summary>
    public IEnumerable<string> Cut(string text, bool cutAll = false, bool hmm = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scratch = Scratch.Rent();
        try
        {
            var sink = scratch.Sink;
            sink.Clear();
            CutCore(Dict, text, cutAll, hmm, sink, scratch);
            return ToStrings(text, sink, 0);
        }
        finally { scratch.Release(); }
    }

    /// <summary>jieba's <c>cut_for_search(sentence, HMM)</c>.</summary>
    public IEnumerable<string> CutForSearch(string text, bool hmm = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scratch = Scratch.Rent();
        try
        {
            var sink = scratch.Sink;
            sink.Clear();
            var dict = Dict;
            CutCore(dict, text, false, hmm, sink, scratch);
            var outSink = scratch.Sink2;
            outSink.Clear();
            AddSearchGrams(dict, text, sink, outSink);
            return ToStrings(text, outSink, 0);
        }
        finally { scratch.Release(); }
    }

    /// <summary>jieba's <c>tokenize(sentence, mode, HMM)</c>; offsets in UTF-16 code units (see <see cref="Token"/>).</summary>
    public IEnumerable<Token> Tokenize(string text, TokenizerMode mode = TokenizerMode.Default, bool hmm = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ranges = new List<TokenRange>();
        Tokenize(text.AsSpan(), ranges, mode, hmm);
        var result = new List<Token>(ranges.Count);
        foreach (var r in ranges)
            result.Add(new Token(r.Length == text.Length ? text : text.Substring(r.Start, r.Length), r.Start, r.End));
        return result;
    }

    /// <summary>Lists form, like jieba's <c>lcut</c>.</summary>
    public List<string> LCut(string text, bool cutAll = false, bool hmm = true) => (List<string>)Cut(text, cutAll, hmm);

    /// <summary>Lists form, like jieba's <c>lcut_for_search</c>.</summary>
    public List<string> LCutForSearch(string text, bool hmm = true) => (List<string>)CutForSearch(text, hmm);

    // ---------------------------------------------------------------- cutting: span API (the pipeline's hot path)

    /// <summary>Appends the tokens of <paramref name="text"/> to <paramref name="tokens"/>.</summary>
    public void Cut(ReadOnlySpan<char> text, List<string> tokens, bool cutAll = false, bool hmm = true)
    {
        var scratch = Scratch.Rent();
        try
        {
            var sink = scratch.Sink;
            sink.Clear();
            CutCore(Dict, text, cutAll, hmm, sink, scratch);
            for (int i = 0; i < sink.Count; i++) tokens.Add(sink.ToString(text, i));
        }
        finally { scratch.Release(); }
    }

    /// <summary>
    /// Appends the tokens of <paramref name="text"/> as ranges of UTF-16 units to <paramref name="ranges"/>,
    /// allocating nothing once warm: accurate mode (<see cref="TokenizerMode.Default"/>) or search mode.
    /// </summary>
    public void Tokenize(ReadOnlySpan<char> text, List<TokenRange> ranges, TokenizerMode mode = TokenizerMode.Default, bool hmm = true)
    {
        var scratch = Scratch.Rent();
        try
        {
            var sink = scratch.Sink;
            sink.Clear();
            var dict = Dict;
            CutCore(dict, text, false, hmm, sink, scratch);
            if (mode == TokenizerMode.Search)
            {
                var outSink = scratch.Sink2;
                outSink.Clear();
                AddSearchGrams(dict, text, sink, outSink);
                sink = outSink;
            }
            for (int i = 0; i < sink.Count; i++) ranges.Add(new TokenRange(sink.Starts[i], sink.Lengths[i]));
        }
        finally { scratch.Release(); }
    }

    /// <summary>
    /// Calls <paramref name="onToken"/> with every token of <paramref name="text"/> (as a slice of it), in order:
    /// the streaming form used by the CLI. Full mode may produce a token that is not a slice of the input (Latin
    /// words that jieba glues together across a skipped dictionary word); it is passed as its own characters.
    /// </summary>
    public void Cut<TState>(ReadOnlySpan<char> text, TState state, SpanTokenAction<TState> onToken, bool cutAll = false, bool hmm = true, bool search = false)
    {
        var scratch = Scratch.Rent();
        try
        {
            var sink = scratch.Sink;
            sink.Clear();
            var dict = Dict;
            CutCore(dict, text, cutAll && !search, hmm, sink, scratch);
            if (search)
            {
                var outSink = scratch.Sink2;
                outSink.Clear();
                AddSearchGrams(dict, text, sink, outSink);
                sink = outSink;
            }
            for (int i = 0; i < sink.Count; i++) onToken(state, sink.Span(text, i));
        }
        finally { scratch.Release(); }
    }

    private static List<string> ToStrings(string text, TokenSink sink, int from)
    {
        var list = new List<string>(sink.Count - from);
        for (int i = from; i < sink.Count; i++) list.Add(sink.ToString(text, i));
        return list;
    }

    // ---------------------------------------------------------------- the algorithm

    /// <summary>
    /// jieba's <c>cut</c>: split into runs of <c>re_han_default</c> characters (cut by the DAG) and the rest, which
    /// is split at <c>re_skip_default = (\r\n|\s)</c>: separators are tokens; other pieces come out one code
    /// point at a time, or whole (even empty) in full mode.
    /// </summary>
    internal static void CutCore(SegmenterDictionary dict, ReadOnlySpan<char> text, bool cutAll, bool hmm, TokenSink sink, Scratch scratch)
    {
        int n = text.Length;
        int i = 0;
        while (i < n)
        {
            int j = i + 1;
            if (CharClasses.IsHan(text[i]))
            {
                while (j < n && CharClasses.IsHan(text[j])) j++;
                if (cutAll) CutAll(dict, text, i, j, sink, scratch);
                else if (hmm) CutDagHmm(dict, text, i, j, sink, scratch);
                else CutDagNoHmm(dict, text, i, j, sink, scratch);
            }
            else
            {
                while (j < n && !CharClasses.IsHan(text[j])) j++;
                CutSkipBlock(text, i, j, cutAll, sink);
            }
            i = j;
        }
    }

    private static void CutSkipBlock(ReadOnlySpan<char> text, int start, int end, bool cutAll, TokenSink sink)
    {
        int pieceStart = start, p = start;
        while (p < end)
        {
            char c = text[p];
            int sep = c == '\r' && p + 1 < end && text[p + 1] == '\n' ? 2 : CharClasses.IsSpace(c) ? 1 : 0;
            if (sep == 0) { p++; continue; }
            EmitPiece(text, pieceStart, p, cutAll, sink);
            sink.Add(p, sep);
            p += sep;
            pieceStart = p;
        }
        EmitPiece(text, pieceStart, end, cutAll, sink);
    }

    private static void EmitPiece(ReadOnlySpan<char> text, int start, int end, bool cutAll, TokenSink sink)
    {
        if (cutAll) { sink.Add(start, end - start); return; }
        for (int p = start; p < end; )
        {
            int len = CharClasses.CodePointLength(text, p);
            // A pair whose low half lies past the block end cannot happen: surrogates are never han characters.
            sink.Add(p, len);
            p += len;
        }
    }

    /// <summary>jieba's <c>__cut_DAG</c>: the route, with runs of single characters handed to finalseg.</summary>
    private static void CutDagHmm(SegmenterDictionary dict, ReadOnlySpan<char> text, int a, int b, TokenSink sink, Scratch scratch)
    {
        int n = b - a;
        var s = text[a..b];
        scratch.EnsureRoute(n);
        var end = scratch.End;
        Route.Compute(dict, s, end, scratch.Prob, scratch.Ends);
        int x = 0, buf = -1;
        while (x < n)
        {
            int y = end[x] + 1;
            if (y - x == 1)
            {
                if (buf < 0) buf = x;
            }
            else
            {
                if (buf >= 0) { FlushBuffer(dict, text, a + buf, a + x, sink, scratch); buf = -1; }
                sink.Add(a + x, y - x);
            }
            x = y;
        }
        if (buf >= 0) FlushBuffer(dict, text, a + buf, a + n, sink, scratch);
    }

    private static void FlushBuffer(SegmenterDictionary dict, ReadOnlySpan<char> text, int start, int end, TokenSink sink, Scratch scratch)
    {
        if (end - start == 1) sink.Add(start, 1);
        else if (dict.GetFreqOrZero(text[start..end]) == 0) FinalSegmenter.Cut(Hmm, dict, text, start, end, sink, scratch);
        else for (int i = start; i < end; i++) sink.Add(i, 1);
    }

    /// <summary>jieba's <c>__cut_DAG_NO_HMM</c>: the route, with adjacent single <c>[a-zA-Z0-9]</c> glued together.</summary>
    private static void CutDagNoHmm(SegmenterDictionary dict, ReadOnlySpan<char> text, int a, int b, TokenSink sink, Scratch scratch)
    {
        int n = b - a;
        var s = text[a..b];
        scratch.EnsureRoute(n);
        var end = scratch.End;
        Route.Compute(dict, s, end, scratch.Prob, scratch.Ends);
        int x = 0, buf = -1;
        while (x < n)
        {
            int y = end[x] + 1;
            if (y - x == 1 && CharClasses.IsEng(s[x]))
            {
                if (buf < 0) buf = x;
            }
            else
            {
                if (buf >= 0) { sink.Add(a + buf, x - buf); buf = -1; }
                sink.Add(a + x, y - x);
            }
            x = y;
        }
        if (buf >= 0) sink.Add(a + buf, n - buf);
    }

    /// <summary>
    /// jieba 0.42.1's <c>__cut_all</c>, quirks included: every DAG word longer than one character; a single
    /// character only when no earlier word covered it; and Latin words (a DAG row of one entry starting with
    /// <c>[a-zA-Z0-9]</c>) accumulated into one token until a non-Latin character, even across skipped positions.
    /// </summary>
    private static void CutAll(SegmenterDictionary dict, ReadOnlySpan<char> text, int a, int b, TokenSink sink, Scratch scratch)
    {
        var s = text[a..b];
        int n = s.Length;
        var dag = scratch.Dag;
        dag.Build(dict, s);
        int oldJ = -1;
        bool engScan = false;
        int engStart = 0, engEnd = 0;
        System.Text.StringBuilder? engText = null;
        for (int k = 0; k < n; k++)
        {
            if (engScan && !CharClasses.IsEng(s[k]))
            {
                engScan = false;
                EmitEng();
            }
            var row = dag.Row(k);
            if (row.Length == 1 && k > oldJ)
            {
                int wEnd = row[0] + 1;
                if (CharClasses.IsEng(s[k]))
                {
                    if (!engScan)
                    {
                        engScan = true;
                        engStart = k;
                        engEnd = wEnd;
                        engText = null;
                    }
                    else if (engText == null && k == engEnd) engEnd = wEnd;
                    else (engText ??= new System.Text.StringBuilder().Append(s[engStart..engEnd])).Append(s[k..wEnd]);
                }
                if (!engScan) sink.Add(a + k, wEnd - k);
                oldJ = row[0];
            }
            else
            {
                foreach (int j in row)
                {
                    if (j > k)
                    {
                        sink.Add(a + k, j + 1 - k);
                        oldJ = j;
                    }
                }
            }
        }
        if (engScan) EmitEng();

        void EmitEng()
        {
            if (engText != null) sink.AddString(engText.ToString());
            else sink.Add(a + engStart, engEnd - engStart);
        }
    }

    /// <summary>
    /// <c>cut_for_search</c>: before each word, its 2-grams when longer than 2 characters and its 3-grams when
    /// longer than 3, those with a positive frequency. (Words longer than one code point only come from han blocks,
    /// which are BMP, so UTF-16 lengths and code-point lengths agree here.)
    /// </summary>
    private static void AddSearchGrams(SegmenterDictionary dict, ReadOnlySpan<char> text, TokenSink words, TokenSink output)
    {
        for (int w = 0; w < words.Count; w++)
        {
            int start = words.Starts[w], len = words.Lengths[w];
            if (len > 2)
            {
                for (int i = 0; i < len - 1; i++)
                    if (dict.GetFreqOrZero(text.Slice(start + i, 2)) > 0) output.Add(start + i, 2);
            }
            if (len > 3)
            {
                for (int i = 0; i < len - 2; i++)
                    if (dict.GetFreqOrZero(text.Slice(start + i, 3)) > 0) output.Add(start + i, 3);
            }
            output.Add(start, len);
        }
    }
}

/// <summary>Receives one token of <see cref="JiebaSegmenter.Cut{TState}"/>.</summary>
public delegate void SpanTokenAction<in TState>(TState state, ReadOnlySpan<char> token);
