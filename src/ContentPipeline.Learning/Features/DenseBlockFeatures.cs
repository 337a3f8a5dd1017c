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
        IsShort = 23, IsLong = 24, LinkDensity = 25, HasLinkDensity = 26, KindFirst = 27, LanguageFirst = 33,
        // HTML container (TextBlock.Container): semantic ancestors and what the class/id words suggest.
        HasContainer = 37, InNav = 38, InAside = 39, InHeader = 40, InFooter = 41, InForm = 42, InArticle = 43,
        ChromeWords = 44, ContentWords = 45,
        // Words pages use for their own machinery (subscribe, share, 相关阅读, 免责声明 …): share of tokens, and any.
        CueShare = 46, HasCue = 47,
        // Alt text of a Markdown image line (its own slot: the kind one-hots above stop at "line"). Through the
        // neighbour windows it also marks the line under an image, where captions and credits sit.
        KindImage = 48;
    public const int ShapeCount = 49;
    // Document features: need the whole document.
    public const int RelativePosition = ShapeCount, DistanceToEnd = ShapeCount + 1, LogBlocksToEnd = ShapeCount + 2,
        LogBlocksFromStart = ShapeCount + 3, IsFirst = ShapeCount + 4, IsLast = ShapeCount + 5, IsDuplicate = ShapeCount + 6,
        LengthToMedian = ShapeCount + 7, CharsAfter = ShapeCount + 8, CharsBefore = ShapeCount + 9,
        SameKindRun = ShapeCount + 10, ShortRun = ShapeCount + 11,
        // Main text run: where the block lies relative to the document's long prose paragraphs.
        IsProse = ShapeCount + 12, ProseBlocksBefore = ShapeCount + 13, ProseBlocksAfter = ShapeCount + 14,
        NoProseBefore = ShapeCount + 15, NoProseAfter = ShapeCount + 16, ProseCharsBefore = ShapeCount + 17,
        ProseCharsAfter = ShapeCount + 18, ProseShare3 = ShapeCount + 19, ProseShare6 = ShapeCount + 20,
        // The run of consecutive non-prose blocks the block belongs to.
        GapRunLength = ShapeCount + 21, GapRunPosition = ShapeCount + 22, GapRunMeanLength = ShapeCount + 23,
        GapRunListShare = ShapeCount + 24, GapRunHeadOfRun = ShapeCount + 25,
        // Repeated structure with the neighbours.
        SamePatternPrev = ShapeCount + 26, SamePatternNext = ShapeCount + 27, PatternRun = ShapeCount + 28,
        // What the whole non-prose run looks like: a ticker run has digits, "label:" heads, prices and a "More >>"
        // somewhere; a poem or a recipe list has none of that. Shares over the run's blocks.
        GapRunDigits = ShapeCount + 29, GapRunColonPrefix = ShapeCount + 30, GapRunSectionMarker = ShapeCount + 31,
        GapRunSentenceEnd = ShapeCount + 32, GapRunPrice = ShapeCount + 33, GapRunTime = ShapeCount + 34,
        GapRunCue = ShapeCount + 35, GapRunLinks = ShapeCount + 36,
        // Vocabulary shared with the document's prose: an essay's own short lines reuse its words; a bio, a newsletter
        // pitch or a headline from elsewhere mostly does not. Share of the block's words found in other prose blocks.
        ProseOverlap = ShapeCount + 37, GapRunProseOverlap = ShapeCount + 38,
        // The same words, numbering aside, elsewhere in the page: a table of contents announces the headings that
        // follow it ("2 Making a starter" … "Making a starter"); a hot list shown twice echoes itself.
        EchoedLater = ShapeCount + 39, EchoesEarlier = ShapeCount + 40,
        // Share of the non-prose run's blocks that echo: all of a contents list, most of a hot list shown twice.
        GapRunEchoes = ShapeCount + 41;
    public const int OwnCount = ShapeCount + 42;
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
        "html:has_container", "html:in_nav", "html:in_aside", "html:in_header", "html:in_footer", "html:in_form",
        "html:in_article", "html:chrome_words", "html:content_words", "cue_share", "has_cue", "kind=image",
    ];

    private static readonly string[] DocumentNames =
    [
        "relative_position", "distance_to_end", "log_blocks_to_end", "log_blocks_from_start", "is_first", "is_last",
        "is_duplicate", "length_to_median", "chars_after", "chars_before", "same_kind_run", "short_run",
        "is_prose", "prose_blocks_before", "prose_blocks_after", "no_prose_before", "no_prose_after",
        "prose_chars_before", "prose_chars_after", "prose_share3", "prose_share6",
        "gap_run_length", "gap_run_position", "gap_run_mean_length", "gap_run_list_share", "gap_run_head",
        "same_pattern_prev", "same_pattern_next", "pattern_run",
        "gap_run_digits", "gap_run_colon_prefix", "gap_run_section_marker", "gap_run_sentence_end", "gap_run_price",
        "gap_run_time", "gap_run_cue", "gap_run_links", "prose_overlap", "gap_run_prose_overlap",
        "echoed_later", "echoes_earlier", "gap_run_echoes",
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

    /// <summary>
    /// Writes the <see cref="ShapeCount"/> shape features of one block into <paramref name="f"/>.
    /// <paramref name="tokenHashes"/>, if given, are the block's <see cref="TextFold.Hash"/> per token (the featurizer
    /// has them already); otherwise they are computed here.
    /// </summary>
    public static void ComputeShape(TextBlock block, Span<float> f, ReadOnlySpan<uint> tokenHashes = default)
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
        f[block.Kind == BlockKind.Image ? KindImage : KindFirst + (int)block.Kind] = 1;
        f[LanguageFirst + (int)block.Language] = 1;
        if (block.Container is { } container) ComputeContainer(container, f);
        int cues = 0, tokenCount = block.Tokens.Count;
        bool hashed = tokenHashes.Length == tokenCount;
        for (int t = 0; t < tokenCount; t++)
        {
            // The folded hash rules out nearly every token cheaply; a hit is confirmed on the word itself.
            uint hash = hashed ? tokenHashes[t] : TextFold.Hash(block.Tokens[t]);
            if (CueWordHashes.Contains(hash) && CueWordSet.Contains(block.Tokens[t])) cues++;
        }
        f[CueShare] = tokenCount == 0 ? 0 : MathF.Min(1f, 4f * cues / tokenCount);
        f[HasCue] = cues > 0 ? 1 : 0;
    }

    /// <summary>
    /// Words a page uses to talk about itself rather than about its subject: subscriptions, sharing, comments, ads,
    /// legal notices, navigation between posts, app prompts. Pooled into one feature so that a wording the corpus never
    /// showed still counts; everyday words that prose uses as often ("more", "next", "about", "read") are left out.
    /// </summary>
    private static readonly System.Collections.Frozen.FrozenSet<string> CueWordSet = System.Collections.Frozen.FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "subscribe", "subscribed", "subscribers", "subscriber", "subscription", "unsubscribe", "newsletter", "newsletters",
        "inbox", "signup", "share", "shares", "tweet", "retweet", "repost", "restack", "comments", "reply", "replies",
        "likes", "upvote", "upvotes", "downvote", "related", "sponsored", "sponsor", "advertisement", "advertising",
        "advertise", "ad", "ads", "cookie", "cookies", "privacy", "copyright", "reserved", "login", "logged", "sign-in",
        "follow", "followers", "download", "app", "disclaimer", "affiliate", "commission", "tags", "tagged", "filed",
        "categories", "category", "posted", "views", "trending", "popular", "recommended", "previous", "newer", "older",
        "menu", "podcast", "whatsapp", "facebook", "twitter", "linkedin", "instagram", "youtube", "telegram", "rss",
        "premium", "membership", "members", "paywall", "upgrade", "trial", "promo", "discount", "coupon", "powered",
        "webring", "breadcrumb", "terms", "unsubscribed", "forwarded", "browser", "print", "permalink", "edit",
        "订阅", "退订", "关注", "分享", "转发", "点赞", "评论", "收藏", "在看", "相关", "相关阅读", "推荐", "推荐阅读",
        "延伸阅读", "猜你喜欢", "热门", "热文", "热榜", "广告", "推广", "声明", "免责", "免责声明", "版权", "版权所有",
        "转载", "来源", "授权", "简介", "作者简介", "责任编辑", "扫码", "二维码", "下载", "客户端", "上一篇", "下一篇",
        "原文", "阅读原文", "展开", "全文", "登录", "注册", "首页", "标签", "公众号", "微信", "微博", "风险", "备案",
        "举报", "回复", "网友", "会员", "付费", "优惠", "限时", "福利", "领取", "客服", "隐私", "侵删", "阅读量", "浏览",
        "快讯", "专栏", "打赏", "置顶", "收起", "APP");

    private static readonly System.Collections.Frozen.FrozenSet<uint> CueWordHashes =
        System.Collections.Frozen.FrozenSet.Create([.. CueWordSet.Select(word => TextFold.Hash(word))]);

    // Words that sites use to name their chrome and their article body (class/id words, tags, ARIA roles).
    private static readonly System.Collections.Frozen.FrozenSet<string> ChromeWordSet = System.Collections.Frozen.FrozenSet.Create(
        StringComparer.Ordinal,
        "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "crumbs", "masthead", "topbar", "footer",
        "sidebar", "aside", "widget", "widgets", "related", "recommended", "recommend", "popular", "trending", "hot",
        "share", "sharing", "social", "comment", "comments", "reply", "replies", "meta", "byline", "author", "bio",
        "profile", "avatar", "tags", "tag", "category", "categories", "newsletter", "subscribe", "subscription", "signup",
        "promo", "promotion", "ad", "ads", "advert", "advertisement", "sponsor", "sponsored", "banner", "cookie",
        "cookies", "consent", "gdpr", "modal", "popup", "overlay", "login", "signin", "paywall", "pagination", "pager",
        "prev", "next", "toc", "ticker", "flash", "marquee", "price", "prices", "quotes", "market", "markets", "rating",
        "likes", "actions", "toolbar", "copyright", "legal", "disclaimer", "contact", "complementary", "contentinfo",
        "cta", "download", "app", "qr", "follow", "rail", "outbrain", "taboola");

    private static readonly System.Collections.Frozen.FrozenSet<string> ContentWordSet = System.Collections.Frozen.FrozenSet.Create(
        StringComparer.Ordinal,
        "article", "content", "entry", "post", "body", "story", "text", "prose", "main", "markdown", "rich", "chapter");

    private static readonly System.Collections.Frozen.FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ChromeLookup =
        ChromeWordSet.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly System.Collections.Frozen.FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ContentLookup =
        ContentWordSet.GetAlternateLookup<ReadOnlySpan<char>>();

    private static void ComputeContainer(string container, Span<float> f)
    {
        f[HasContainer] = 1;
        int chrome = 0, content = 0;
        foreach (var range in container.AsSpan().Split(' '))
        {
            var w = container.AsSpan(range);
            if (w.IsEmpty) continue;
            switch (w)
            {
                case "nav" or "navigation": f[InNav] = 1; break;
                case "aside" or "complementary": f[InAside] = 1; break;
                case "header" or "banner": f[InHeader] = 1; break;
                case "footer" or "contentinfo": f[InFooter] = 1; break;
                case "form" or "search": f[InForm] = 1; break;
                case "article" or "main": f[InArticle] = 1; break;
            }
            if (ChromeLookup.Contains(w)) chrome++;
            if (ContentLookup.Contains(w)) content++;
        }
        f[ChromeWords] = MathF.Log(1 + chrome) / 2f;
        f[ContentWords] = MathF.Log(1 + content) / 2f;
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
