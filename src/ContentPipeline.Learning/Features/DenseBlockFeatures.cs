using System.Runtime.CompilerServices;
using ContentPipeline.Learning.Data;

namespace ContentPipeline.Learning.Features;

/// <summary>
/// Dense features of a block: its shape (length, punctuation, digits, markers, time stamps, prices ...),
/// its place in the document, and the mean shape of its neighbours (windows ±1 and ±5; the wide window keeps the name Window3First).
/// They describe form and context, not the words of one site, so they carry over to unseen sites.
/// </summary>
public static class DenseBlockFeatures
{
    // Shape features: computed from the block alone. Also averaged over neighbour windows.
    public const int LogChars = 0, LogTokens = 1, PunctuationRatio = 2, DigitRatio = 3, UpperRatio = 4, CjkRatio = 5,
        LatinRatio = 6, SpaceRatio = 7, HasSentenceEnd = 8, SentenceEndCount = 9, EndsWithSentenceEnd = 10,
        EndsWithColon = 11, ListMarker = 12, SectionMarker = 13, PipeCount = 14, TimeStamp = 15, Date = 16,
        PriceCount = 17, TickerCount = 18, ColonPrefix = 19, BracketTitle = 20, Copyright = 21, UrlOrEmail = 22,
        IsShort = 23, IsLong = 24, LinkDensity = 25, HasLinkDensity = 26, KindFirst = 27, LanguageFirst = 33;
    public const int ShapeCount = 37;
    // Document features: need the whole document.
    public const int RelativePosition = 37, DistanceToEnd = 38, LogBlocksToEnd = 39, LogBlocksFromStart = 40,
        IsFirst = 41, IsLast = 42, IsDuplicate = 43, LengthToMedian = 44, CharsAfter = 45, CharsBefore = 46,
        SameKindRun = 47, ShortRun = 48,
        // Main text run: where the block lies relative to the document's long prose paragraphs.
        IsProse = 49, ProseBlocksBefore = 50, ProseBlocksAfter = 51, NoProseBefore = 52, NoProseAfter = 53,
        ProseCharsBefore = 54, ProseCharsAfter = 55, ProseShare3 = 56, ProseShare6 = 57,
        // The run of consecutive non-prose blocks the block belongs to.
        GapRunLength = 58, GapRunPosition = 59, GapRunMeanLength = 60, GapRunListShare = 61, GapRunHeadOfRun = 62,
        // Repeated structure with the neighbours.
        SamePatternPrev = 63, SamePatternNext = 64, PatternRun = 65;
    public const int OwnCount = 66;
    public const int Window1First = OwnCount, Window3First = OwnCount + ShapeCount;
    /// <summary>Total number of dense features per block.</summary>
    public const int Count = OwnCount + 2 * ShapeCount;

    private static readonly string[] ShapeNames =
    [
        "log_chars", "log_tokens", "punct_ratio", "digit_ratio", "upper_ratio", "cjk_ratio", "latin_ratio", "space_ratio",
        "has_sentence_end", "sentence_end_count", "ends_with_sentence_end", "ends_with_colon", "list_marker",
        "section_marker", "pipe_count", "time_stamp", "date", "price_count", "ticker_count", "colon_prefix",
        "bracket_title", "copyright", "url_or_email", "is_short", "is_long", "link_density", "has_link_density",
        "kind=paragraph", "kind=heading", "kind=list_item", "kind=quote", "kind=code", "kind=line",
        "lang=other", "lang=zh", "lang=en", "lang=mixed",
    ];

    private static readonly string[] DocumentNames =
    [
        "relative_position", "distance_to_end", "log_blocks_to_end", "log_blocks_from_start", "is_first", "is_last",
        "is_duplicate", "length_to_median", "chars_after", "chars_before", "same_kind_run", "short_run",
        "is_prose", "prose_blocks_before", "prose_blocks_after", "no_prose_before", "no_prose_after",
        "prose_chars_before", "prose_chars_after", "prose_share3", "prose_share6",
        "gap_run_length", "gap_run_position", "gap_run_mean_length", "gap_run_list_share", "gap_run_head",
        "same_pattern_prev", "same_pattern_next", "pattern_run",
    ];

    /// <summary>Human-readable name of dense feature <paramref name="i"/> (for explanations).</summary>
    public static string Name(int i)
    {
        if (i < ShapeCount) return ShapeNames[i];
        if (i < OwnCount) return DocumentNames[i - ShapeCount];
        if (i < Window3First) return "ctx1:" + ShapeNames[i - Window1First];
        return "ctx5:" + ShapeNames[i - Window3First];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsCjk(char c) => c >= '\u2E80' && c < '\uFF00' || c >= '\uFF66' && c <= '\uFFDC';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    private static bool IsSentenceEnd(char c) => c is '。' or '！' or '？' or '!' or '?' or '.' or '…' or '；' or ';';

    private static bool IsClosing(char c) => c is '"' or '\'' or ')' or ']' or '”' or '’' or '）' or '」' or '』' or '】' or '*' or '_';

    /// <summary>Writes the <see cref="ShapeCount"/> shape features of one block into <paramref name="f"/>.</summary>
    public static void ComputeShape(TextBlock block, Span<float> f)
    {
        f = f[..ShapeCount];
        f.Clear();
        ReadOnlySpan<char> text = block.Text.AsSpan().Trim();
        int n = text.Length;
        int punct = 0, digits = 0, upper = 0, letters = 0, cjk = 0, latin = 0, spaces = 0, sentenceEnds = 0;
        int pipes = 0, prices = 0, tickers = 0, upperRun = 0, lowerInRun = 0;
        bool timeStamp = false, date = false, sectionMarker = false, copyright = false, url = false;
        for (int i = 0; i < n; i++)
        {
            char c = text[i];
            if (c < 128)
            {
                if (c >= 'A' && c <= 'Z') { upper++; letters++; latin++; upperRun++; continue; }
                if (IsTickerEnd(upperRun, lowerInRun)) tickers++;
                if (c >= 'a' && c <= 'z') { letters++; latin++; if (upperRun > 0) lowerInRun++; continue; }
                upperRun = 0; lowerInRun = 0;
                if (IsDigit(c))
                {
                    digits++;
                    // hh:mm
                    if (i + 3 < n && text[i + 1] == ':' && IsDigit(text[i + 2]) && IsDigit(text[i + 3]) && (i == 0 || !IsDigit(text[i - 1]) || i >= 1 && IsDigit(text[i - 1]) && (i < 2 || !IsDigit(text[i - 2]))))
                        timeStamp = true;
                    // yyyy-mm-dd, yyyy/mm/dd, yyyy.mm.dd
                    if (i + 6 < n && IsDigit(text[i + 1]) && IsDigit(text[i + 2]) && IsDigit(text[i + 3]) && text[i + 4] is '-' or '/' or '.' && IsDigit(text[i + 5]) && (i == 0 || !IsDigit(text[i - 1])))
                        date = true;
                    continue;
                }
                if (c == ' ' || c == '\t') { spaces++; continue; }
                if (c == '|') { pipes++; punct++; continue; }
                if (c == '$' || c == '%') prices++;
                if (c == '>' && i + 1 < n && text[i + 1] == '>') sectionMarker = true;
                if (c == '@' && i > 0 && i + 1 < n && char.IsLetterOrDigit(text[i - 1])) url = true;
                if (c == '.' || c == '!' || c == '?' || c == ';')
                {
                    if (i + 1 == n || text[i + 1] == ' ' || IsClosing(text[i + 1])) { if (i == 0 || !IsDigit(text[i - 1]) || c != '.') sentenceEnds++; }
                }
                punct++;
                continue;
            }
            if (IsTickerEnd(upperRun, lowerInRun)) tickers++;
            upperRun = 0; lowerInRun = 0;
            if (IsCjk(c))
            {
                if (c is '。' or '！' or '？' or '；' or '…') { sentenceEnds++; punct++; continue; }
                if (c is '，' or '、' or '：' or '“' or '”' or '（' or '）' or '《' or '》' or '【' or '】' or '「' or '」' or '·' or '—' or '‘' or '’' or '〉' or '〈')
                {
                    punct++;
                    continue;
                }
                cjk++; letters++;
                switch (c)
                {
                    case '亿': case '万': case '元': prices++; break;
                    case '前':
                        if (i >= 2 && (text[i - 1] is '时' or '钟' or '天' or '秒' || text[i - 2] == '小' && text[i - 1] == '时')) timeStamp = true;
                        break;
                    case '年': case '月': case '日':
                        if (i >= 1 && IsDigit(text[i - 1]) && c != '年') date = true;
                        break;
                    case '多':
                        if (i >= 1 && text[i - 1] == '更') sectionMarker = true;
                        break;
                    case '版':
                        if (i + 1 < n && text[i + 1] == '权') copyright = true;
                        break;
                }
                continue;
            }
            if (char.IsWhiteSpace(c)) { spaces++; continue; }
            if (c is '»' or '›' or '▶' or '►' or '→') { sectionMarker = true; punct++; continue; }
            if (c is '©' or '®' or '™') { copyright = true; punct++; continue; }
            if (c is '€' or '£' or '¥' or '￥' or '％' or '＄') { prices++; punct++; continue; }
            if (c is '｜' or '│') { pipes++; punct++; continue; }
            if (c is '！' or '？' or '；') { sentenceEnds++; punct++; continue; }
            if (c >= '\uFF10' && c <= '\uFF19') { digits++; continue; }
            if (char.IsLetter(c)) { letters++; latin++; continue; }
            if (char.IsPunctuation(c) || char.IsSymbol(c)) punct++;
        }
        if (IsTickerEnd(upperRun, lowerInRun)) tickers++;

        if (!url && n >= 4)
            url = text.Contains("http", StringComparison.Ordinal) || text.Contains("www.", StringComparison.Ordinal) || text.Contains(".com", StringComparison.Ordinal);
        if (!copyright && n >= 9)
            copyright = text.Contains("opyright", StringComparison.Ordinal) || text.Contains("ights reserved", StringComparison.OrdinalIgnoreCase);
        if (!timeStamp && n >= 3)
            timeStamp = text.Contains(" ago", StringComparison.Ordinal);
        if (!sectionMarker && n >= 4)
            sectionMarker = text.Contains("More", StringComparison.Ordinal) && n < 40 || text.EndsWith("more", StringComparison.OrdinalIgnoreCase);

        float inv = n == 0 ? 0 : 1f / n;
        f[LogChars] = MathF.Log(1 + n) / 7f;
        f[LogTokens] = MathF.Log(1 + block.Tokens.Count) / 6f;
        f[PunctuationRatio] = punct * inv;
        f[DigitRatio] = digits * inv;
        f[UpperRatio] = letters == 0 ? 0 : (float)upper / letters;
        f[CjkRatio] = cjk * inv;
        f[LatinRatio] = latin * inv;
        f[SpaceRatio] = spaces * inv;
        f[HasSentenceEnd] = sentenceEnds > 0 ? 1 : 0;
        f[SentenceEndCount] = MathF.Log(1 + sentenceEnds) / 3f;
        if (n > 0)
        {
            int e = n - 1;
            while (e > 0 && IsClosing(text[e])) e--;
            char last = text[e];
            f[EndsWithSentenceEnd] = IsSentenceEnd(last) ? 1 : 0;
            f[EndsWithColon] = last is ':' or '：' ? 1 : 0;
            f[ListMarker] = StartsWithListMarker(text) ? 1 : 0;
            f[BracketTitle] = text[0] is '【' or '[' or '〖' ? 1 : 0;
            int colon = text.IndexOfAny(':', '：');
            f[ColonPrefix] = colon > 0 && colon <= 14 && colon < n - 1 && !(colon + 1 < n && IsDigit(text[colon + 1]) && IsDigit(text[colon - 1])) ? 1 : 0;
        }
        f[SectionMarker] = sectionMarker ? 1 : 0;
        f[PipeCount] = MathF.Log(1 + pipes) / 2f;
        f[TimeStamp] = timeStamp ? 1 : 0;
        f[Date] = date ? 1 : 0;
        f[PriceCount] = MathF.Log(1 + prices) / 2f;
        f[TickerCount] = MathF.Log(1 + tickers) / 2f;
        f[Copyright] = copyright ? 1 : 0;
        f[UrlOrEmail] = url ? 1 : 0;
        f[IsShort] = n < 20 ? 1 : 0;
        f[IsLong] = n > 200 ? 1 : 0;
        f[LinkDensity] = block.LinkDensity is double ld ? (float)Math.Clamp(ld, 0, 1) : 0;
        f[HasLinkDensity] = block.LinkDensity.HasValue ? 1 : 0;
        f[KindFirst + (int)block.Kind] = 1;
        f[LanguageFirst + (int)block.Language] = 1;
    }

    /// <summary>
    /// A coarse signature of a block's outline: class of its first two and last characters plus a length bucket.
    /// Consecutive blocks with the same signature are repeated structure (headline lists, tickers, menus).
    /// </summary>
    public static int Pattern(ReadOnlySpan<char> text)
    {
        int n = text.Length;
        if (n == 0) return 0;
        int bucket = n < 12 ? 1 : n < 30 ? 2 : n < 60 ? 3 : n < 120 ? 4 : 5;
        return (CharClass(text[0]) * 16 + CharClass(n > 1 ? text[1] : ' ')) * 16 * 8 + CharClass(text[n - 1]) * 8 + bucket;
    }

    private static int CharClass(char c)
    {
        if (IsDigit(c) || c >= '\uFF10' && c <= '\uFF19') return 1;
        if (c >= 'A' && c <= 'Z') return 2;
        if (c >= 'a' && c <= 'z') return 3;
        if (c is ' ' or '\t') return 4;
        if (c is '-' or '*' or '+' or '•' or '·' or '●' or '○' or '▪' or '■' or '◆' or '►' or '▶') return 5;
        if (c is '.' or '。' or '!' or '?' or '！' or '？' or '…') return 6;
        if (c is ':' or '：') return 7;
        if (c is '|' or '｜' or '/' or '>' or '»' or '›') return 8;
        if (c is '【' or '[' or '(' or '（' or '《' or '「') return 9;
        if (c is '】' or ']' or ')' or '）' or '》' or '」') return 10;
        if (c is '%' or '％' or '$' or '€' or '£' or '¥' or '￥') return 11;
        if (IsCjk(c)) return 12;
        if (char.IsLetter(c)) return 13;
        return 14;
    }

    /// <summary>Long prose: a block that reads as a paragraph of the main text (long enough, sentences, ends like one).</summary>
    public static bool LooksLikeProse(ReadOnlySpan<float> shape, int length) =>
        shape[EndsWithSentenceEnd] > 0 && shape[ListMarker] == 0 &&
        (length >= 80 || length >= 40 && shape[CjkRatio] > 0.5f);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsTickerEnd(int upperRun, int lowerInRun) => upperRun >= 2 && upperRun <= 6 && lowerInRun == 0;

    private static bool StartsWithListMarker(ReadOnlySpan<char> t)
    {
        if (t.Length >= 2 && t[0] is '-' or '*' or '+' or '•' or '·' or '●' or '○' or '▪' or '■' or '◆' or '►' or '▶' && (t[1] == ' ' || t[0] > 127))
            return true;
        int i = 0;
        while (i < t.Length && i < 3 && (IsDigit(t[i]) || t[i] >= '\uFF10' && t[i] <= '\uFF19')) i++;
        return i > 0 && i < t.Length && t[i] is '.' or '、' or ')' or '）' or '．' && (i + 1 == t.Length || !IsDigit(t[i + 1]));
    }
}
