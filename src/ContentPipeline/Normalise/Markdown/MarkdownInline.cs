using System.Text;

namespace ContentPipeline.Normalise.Markdown;

/// <summary>
/// Reduces Markdown inline markup to the text a reader sees: emphasis markers, links and images (their text),
/// wiki links, inline code ticks, inline HTML tags and comments (<c>&lt;!--more--&gt;</c>), backslash escapes.
/// One forward scan that copies text and notes the runs of <c>* _ ~~</c> that could be emphasis; the runs that
/// pair up as opener and closer (CommonMark's delimiter algorithm) are then cut from the copy, the rest stay text:
/// a run never pairs with itself, so masked digits (010-8290****) and a lone <c>****</c> are kept.
/// Intraword <c>_</c> (snake_case) and marks between digits (2*3, 6228****1234) are never markup.
/// </summary>
public static class MarkdownInline
{
    [ThreadStatic] private static StringBuilder? t_builder;

    /// <summary>Delimiter runs noted by the scans in progress on this thread (link text scans nest on top).</summary>
    [ThreadStatic] private static Delimiter[]? t_delimiters;
    [ThreadStatic] private static int t_delimiterCount;

    /// <summary>A run of * _ or ~ that may open or close emphasis; <see cref="Position"/> is its index in the output.</summary>
    private struct Delimiter
    {
        public int Position;
        public int Length;
        public int Remaining; // characters not (yet) used as markup
        public char Marker;
        public bool CanOpen;
        public bool CanClose;
        public bool Inactive; // lay between a matched opener and closer, so it can no longer open
    }

    /// <summary>Characters of link text written by the scan in progress on this thread.</summary>
    [ThreadStatic] private static int t_linkChars;

    public static string Strip(string text) => Strip(text, out _);

    /// <summary>
    /// As <see cref="Strip(string)"/>, and <paramref name="linkChars"/> counts the output characters that were the
    /// text of a link ([text](url), [text][ref], [[wiki link]], &lt;https://…&gt;), as HTML counts the text inside
    /// &lt;a&gt;: menus, tag rows and related-article lists are mostly link text, an essay's paragraphs seldom.
    /// An image's alt text is not link text unless the image is itself linked.
    /// </summary>
    public static string Strip(string text, out int linkChars)
    {
        linkChars = 0;
        if (text.AsSpan().IndexOfAny("*_~`[]!<\\") < 0) return text; // plain text: nothing to do
        var sb = t_builder ??= new StringBuilder(256);
        sb.Clear();
        t_delimiterCount = 0;
        t_linkChars = 0;
        StripInto(text.AsSpan(), sb);
        linkChars = Math.Min(t_linkChars, sb.Length);
        return sb.ToString();
    }

    private static void StripInto(ReadOnlySpan<char> s, StringBuilder sb)
    {
        var bottom = t_delimiterCount; // this scan's delimiters; emphasis does not cross link text boundaries
        ScanInto(s, sb);
        if (t_delimiterCount > bottom)
        {
            var delimiters = t_delimiters!.AsSpan(bottom, t_delimiterCount - bottom);
            PairDelimiters(delimiters);
            RemoveMarkup(delimiters, sb);
            t_delimiterCount = bottom;
        }
    }

    private static void ScanInto(ReadOnlySpan<char> s, StringBuilder sb)
    {
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            switch (c)
            {
                case '\\' when i + 1 < s.Length && char.IsAsciiLetterOrDigit(s[i + 1]) is false && !char.IsWhiteSpace(s[i + 1]):
                    sb.Append(s[i + 1]);
                    i += 2;
                    continue;
                case '`':
                {
                    var run = RunLength(s, i, '`');
                    var close = s[(i + run)..].IndexOf(s.Slice(i, run));
                    if (close >= 0)
                    {
                        sb.Append(s.Slice(i + run, close).Trim(' '));
                        i += run + close + run;
                        continue;
                    }
                    sb.Append(s.Slice(i, run));
                    i += run;
                    continue;
                }
                case '<':
                {
                    var consumed = TryInlineHtml(s, i, sb);
                    if (consumed > 0)
                    {
                        i += consumed;
                        continue;
                    }
                    break;
                }
                case '!' when i + 1 < s.Length && s[i + 1] == '[':
                {
                    var consumed = TryLink(s, i + 1, sb, isLink: false);
                    if (consumed > 0)
                    {
                        i += 1 + consumed;
                        continue;
                    }
                    break;
                }
                case '[':
                {
                    var consumed = i + 1 < s.Length && s[i + 1] == '[' ? TryWikiLink(s, i, sb) : TryLink(s, i, sb, isLink: true);
                    if (consumed > 0)
                    {
                        i += consumed;
                        continue;
                    }
                    break;
                }
                case '*' or '_' or '~':
                {
                    var run = RunLength(s, i, c);
                    if (c == '~' && run < 2)
                        break;
                    if (TryFlanking(s, i, run, c, out var canOpen, out var canClose))
                        Push(new Delimiter { Position = sb.Length, Length = run, Remaining = run, Marker = c, CanOpen = canOpen, CanClose = canClose });
                    sb.Append(s.Slice(i, run)); // text until paired (see PairDelimiters)
                    i += run;
                    continue;
                }
            }
            sb.Append(c);
            i++;
        }
    }

    private static int RunLength(ReadOnlySpan<char> s, int i, char c)
    {
        var j = i;
        while (j < s.Length && s[j] == c) j++;
        return j - i;
    }

    private static void Push(in Delimiter delimiter)
    {
        var items = t_delimiters ??= new Delimiter[32];
        if (t_delimiterCount == items.Length)
        {
            Array.Resize(ref items, items.Length * 2);
            t_delimiters = items;
        }
        items[t_delimiterCount++] = delimiter;
    }

    /// <summary>
    /// Whether the run s[i..i+run) of <paramref name="marker"/> can open and/or close emphasis: CommonMark's
    /// left/right-flanking rules with the CJK-friendly amendment (a CJK character or CJK punctuation next to the
    /// run counts like punctuation, so 这是**“重点”**内容 and **重点：**后续 are emphasis). False when the run
    /// can be neither (spaces on both sides, a ** b) or is text by our own rules (snake_case, 2*3, 6228****1234).
    /// </summary>
    private static bool TryFlanking(ReadOnlySpan<char> s, int i, int run, char marker, out bool canOpen, out bool canClose)
    {
        canOpen = canClose = false;
        var before = i > 0 ? RuneBefore(s, i) : new Rune(' '); // line start and end count as white space
        var after = i + run < s.Length ? RuneAt(s, i + run) : new Rune(' ');
        if (IsAsciiDigit(before) && IsAsciiDigit(after)) return false;
        if (marker == '_' && Rune.IsLetterOrDigit(before) && Rune.IsLetterOrDigit(after)) return false;
        var b = Classify(before);
        var a = Classify(after);
        canOpen = a != CharClass.Space && (a != CharClass.Punctuation || b != CharClass.Other);
        canClose = b != CharClass.Space && (b != CharClass.Punctuation || a != CharClass.Other);
        return canOpen || canClose;
    }

    private enum CharClass : byte { Space, Punctuation, Cjk, Other }

    private static CharClass Classify(Rune r) =>
        Rune.IsWhiteSpace(r) ? CharClass.Space
        : IsCjk(r.Value) ? CharClass.Cjk
        : Rune.IsPunctuation(r) || Rune.IsSymbol(r) ? CharClass.Punctuation // CommonMark: Unicode P and S
        : CharClass.Other;

    private static Rune RuneBefore(ReadOnlySpan<char> s, int i)
    {
        Rune.DecodeLastFromUtf16(s[..i], out var r, out _); // U+FFFD for a broken surrogate
        return r;
    }

    private static Rune RuneAt(ReadOnlySpan<char> s, int i)
    {
        Rune.DecodeFromUtf16(s[i..], out var r, out _);
        return r;
    }

    private static bool IsAsciiDigit(Rune r) => (uint)(r.Value - '0') <= 9;

    /// <summary>
    /// East Asian wide, fullwidth and halfwidth characters (ideographs, kana, Hangul, CJK and fullwidth
    /// punctuation), as blocks: a close approximation of the CJK-friendly amendment's definition.
    /// </summary>
    private static bool IsCjk(int cp) => cp switch
    {
        >= 0x1100 and <= 0x11FF => true,   // Hangul Jamo
        >= 0x2E80 and <= 0x303E => true,   // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
        >= 0x3041 and <= 0x4DBF => true,   // kana, Bopomofo, Hangul compatibility Jamo, Kanbun, enclosed CJK, Ext. A
        >= 0x4E00 and <= 0xA4CF => true,   // CJK unified ideographs, Yi
        >= 0xA960 and <= 0xA97F => true,   // Hangul Jamo extended A
        >= 0xAC00 and <= 0xD7FF => true,   // Hangul syllables, Jamo extended B
        >= 0xF900 and <= 0xFAFF => true,   // CJK compatibility ideographs
        >= 0xFE10 and <= 0xFE1F => true,   // vertical forms
        >= 0xFE30 and <= 0xFE6F => true,   // CJK compatibility forms, small form variants
        >= 0xFF00 and <= 0xFFEF => true,   // halfwidth and fullwidth forms (，：（）！)
        >= 0x1B000 and <= 0x1B2FF => true, // kana supplement and extensions, Nüshu
        >= 0x20000 and <= 0x3FFFF => true, // supplementary ideographic planes
        _ => false,
    };

    /// <summary>
    /// CommonMark's "process emphasis": each closer, left to right, takes the nearest earlier opener of the same
    /// marker (two characters for strong when both have them, else one; ~~ only with a run of equal length);
    /// runs between a matched pair can no longer open. What is left of a run is text. A run cannot pair with
    /// itself, so there is no empty emphasis.
    /// </summary>
    private static void PairDelimiters(Span<Delimiter> d)
    {
        for (var c = 0; c < d.Length; c++)
        {
            ref var closer = ref d[c];
            if (!closer.CanClose) continue;
            while (closer.Remaining > 0)
            {
                var o = FindOpener(d, c);
                if (o < 0) break;
                ref var opener = ref d[o];
                var use = closer.Marker == '~' ? closer.Remaining : closer.Remaining >= 2 && opener.Remaining >= 2 ? 2 : 1;
                opener.Remaining -= use;
                closer.Remaining -= use;
                for (var k = o + 1; k < c; k++) d[k].Inactive = true;
            }
        }
    }

    private static int FindOpener(Span<Delimiter> d, int c)
    {
        ref var closer = ref d[c];
        for (var o = c - 1; o >= 0; o--)
        {
            ref var opener = ref d[o];
            if (opener.Marker != closer.Marker || !opener.CanOpen || opener.Inactive || opener.Remaining == 0) continue;
            if (closer.Marker == '~')
            {
                if (opener.Length == closer.Length && opener.Remaining == opener.Length) return o;
                continue;
            }
            // "Rule of 3": a run that can both open and close pairs only when the lengths don't sum to a multiple of 3
            // (unless both are multiples of 3), so *foo**bar* is one emphasis around foo**bar.
            if ((opener.CanClose || closer.CanOpen) && (opener.Length + closer.Length) % 3 == 0
                && !(opener.Length % 3 == 0 && closer.Length % 3 == 0))
                continue;
            return o;
        }
        return -1;
    }

    /// <summary>Cuts the paired characters out of the output, last run first so earlier positions hold.</summary>
    private static void RemoveMarkup(ReadOnlySpan<Delimiter> d, StringBuilder sb)
    {
        for (var k = d.Length - 1; k >= 0; k--)
        {
            var used = d[k].Length - d[k].Remaining;
            if (used > 0) sb.Remove(d[k].Position, used);
        }
    }

    /// <summary>
    /// [text](url), [text][ref], [text][] (or an image's [alt](src) when <paramref name="isLink"/> is false); returns
    /// chars consumed or 0 when it is no link.
    /// </summary>
    private static int TryLink(ReadOnlySpan<char> s, int open, StringBuilder sb, bool isLink)
    {
        var end = LinkEnd(s, open, out var close);
        if (end < 0) return 0;
        var start = sb.Length;
        var outerLinkChars = t_linkChars;
        StripInto(s.Slice(open + 1, close - open - 1), sb); // link text may itself hold emphasis
        // A link's whole text counts once (with any linked image inside it); an image alone adds nothing.
        t_linkChars = isLink ? outerLinkChars + (sb.Length - start) : outerLinkChars;
        return end - open + 1;
    }

    /// <summary>
    /// Where the link (or image, without its '!') whose '[' is at <paramref name="open"/> ends: the index of the ')' of
    /// "[text](target)" or the ']' of "[text][ref]", with <paramref name="close"/> the ']' after the text; -1 if none.
    /// </summary>
    private static int LinkEnd(ReadOnlySpan<char> s, int open, out int close)
    {
        close = FindClosingBracket(s, open);
        if (close < 0 || close + 1 >= s.Length) return -1;
        var next = s[close + 1];
        if (next == '(')
        {
            var depth = 0;
            for (var j = close + 1; j < s.Length; j++)
            {
                if (s[j] == '(') depth++;
                else if (s[j] == ')' && --depth == 0) return j;
            }
            return -1;
        }
        if (next == '[')
        {
            var rel = s[(close + 2)..].IndexOf(']');
            return rel < 0 ? -1 : close + 2 + rel;
        }
        return -1;
    }

    /// <summary>[[Page]] or [[Page|alias]] (Obsidian): the alias when given, else the page name.</summary>
    private static int TryWikiLink(ReadOnlySpan<char> s, int open, StringBuilder sb)
    {
        var rel = s[(open + 2)..].IndexOf("]]");
        if (rel < 0) return 0;
        var inner = s.Slice(open + 2, rel);
        var bar = inner.LastIndexOf('|');
        var shown = bar >= 0 ? inner[(bar + 1)..] : inner;
        sb.Append(shown);
        t_linkChars += shown.Length;
        return rel + 4;
    }

    private static int FindClosingBracket(ReadOnlySpan<char> s, int open)
    {
        var depth = 0;
        for (var j = open; j < s.Length; j++)
        {
            if (s[j] == '\\') { j++; continue; }
            if (s[j] == '[') depth++;
            else if (s[j] == ']' && --depth == 0) return j;
        }
        return -1;
    }

    /// <summary>Comments are dropped, &lt;https://…&gt; autolinks keep their address, tags are dropped.</summary>
    private static int TryInlineHtml(ReadOnlySpan<char> s, int i, StringBuilder sb)
    {
        var rest = s[i..];
        if (rest.StartsWith("<!--"))
        {
            var end = rest.IndexOf("-->");
            return end < 0 ? rest.Length : end + 3;
        }
        var gt = rest.IndexOf('>');
        if (gt < 2) return 0;
        var inner = rest[1..gt];
        if (inner.StartsWith("http://") || inner.StartsWith("https://") || inner.StartsWith("mailto:"))
        {
            sb.Append(inner);
            t_linkChars += inner.Length;
            return gt + 1;
        }
        var name = inner[0] == '/' ? inner[1..] : inner;
        if (name.Length == 0 || !char.IsAsciiLetter(name[0])) return 0;
        foreach (var ch in name)
        {
            if (ch == '<' || ch == '\n') return 0;
            if (char.IsWhiteSpace(ch) || ch == '/' ) break;
            if (!char.IsAsciiLetterOrDigit(ch) && ch != '-') return 0;
        }
        if (inner.StartsWith("br", StringComparison.OrdinalIgnoreCase) && (inner.Length == 2 || !char.IsAsciiLetter(inner[2])))
            sb.Append(' ');
        return gt + 1;
    }

    /// <summary>
    /// Whether a line holds nothing but images — "![alt](src)", "![alt][ref]", an image wrapped in a link, several in a
    /// row — so that what is left of it is alt text, not prose.
    /// </summary>
    public static bool IsImageOnly(ReadOnlySpan<char> line)
    {
        var t = line.Trim();
        if (t.IsEmpty) return false;
        while (!t.IsEmpty)
        {
            int end;
            if (t.StartsWith("![")) end = LinkEnd(t, 1, out _);
            else if (t.StartsWith("[!["))
            {
                end = LinkEnd(t, 0, out var close);
                if (end >= 0 && !IsImageOnly(t[1..close])) return false;
            }
            else return false;
            if (end < 0) return false;
            t = t[(end + 1)..].TrimStart();
        }
        return true;
    }
}
