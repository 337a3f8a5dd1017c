using System.Text;

namespace ContentPipeline.Normalise.Markdown;

/// <summary>
/// Reduces Markdown inline markup to the text a reader sees: emphasis markers, links and images (their text),
/// wiki links, inline code ticks, inline HTML tags and comments (<c>&lt;!--more--&gt;</c>), backslash escapes.
/// One forward scan; intraword <c>_</c> and <c>*</c> (snake_case, 2*3) are left alone.
/// </summary>
public static class MarkdownInline
{
    [ThreadStatic] private static StringBuilder? t_builder;

    public static string Strip(string text)
    {
        if (text.AsSpan().IndexOfAny("*_~`[]!<\\") < 0) return text; // plain text: nothing to do
        var sb = t_builder ??= new StringBuilder(256);
        sb.Clear();
        StripInto(text.AsSpan(), sb);
        return sb.ToString();
    }

    private static void StripInto(ReadOnlySpan<char> s, StringBuilder sb)
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
                    var consumed = TryLink(s, i + 1, sb);
                    if (consumed > 0)
                    {
                        i += 1 + consumed;
                        continue;
                    }
                    break;
                }
                case '[':
                {
                    var consumed = i + 1 < s.Length && s[i + 1] == '[' ? TryWikiLink(s, i, sb) : TryLink(s, i, sb);
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
                    var before = i > 0 ? s[i - 1] : ' ';
                    var after = i + run < s.Length ? s[i + run] : ' ';
                    if (IsEmphasisDelimiter(c, before, after))
                    {
                        i += run; // a marker, not text
                        continue;
                    }
                    sb.Append(s.Slice(i, run));
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

    /// <summary>
    /// Whether a run of * _ ~ is emphasis markup rather than text (CommonMark's flanking rules, simplified):
    /// a run touching text on at least one side is markup, except intraword underscores (snake_case) and
    /// stars between digits (2*3). Intraword stars are markup: Chinese emphasis (这是**重点**) has no spaces.
    /// </summary>
    private static bool IsEmphasisDelimiter(char marker, char before, char after)
    {
        if (char.IsWhiteSpace(before) && char.IsWhiteSpace(after)) return false;
        if (marker == '_' && char.IsLetterOrDigit(before) && char.IsLetterOrDigit(after)) return false;
        if (char.IsAsciiDigit(before) && char.IsAsciiDigit(after)) return false;
        return true;
    }

    /// <summary>[text](url), [text][ref], [text][]; returns chars consumed or 0 when it is no link.</summary>
    private static int TryLink(ReadOnlySpan<char> s, int open, StringBuilder sb)
    {
        var close = FindClosingBracket(s, open);
        if (close < 0 || close + 1 >= s.Length) return 0;
        var next = s[close + 1];
        int end;
        if (next == '(')
        {
            var depth = 0;
            end = -1;
            for (var j = close + 1; j < s.Length; j++)
            {
                if (s[j] == '(') depth++;
                else if (s[j] == ')' && --depth == 0)
                {
                    end = j;
                    break;
                }
            }
        }
        else if (next == '[')
        {
            var rel = s[(close + 2)..].IndexOf(']');
            end = rel < 0 ? -1 : close + 2 + rel;
        }
        else return 0;
        if (end < 0) return 0;
        StripInto(s.Slice(open + 1, close - open - 1), sb); // link text may itself hold emphasis
        return end - open + 1;
    }

    /// <summary>[[Page]] or [[Page|alias]] (Obsidian): the alias when given, else the page name.</summary>
    private static int TryWikiLink(ReadOnlySpan<char> s, int open, StringBuilder sb)
    {
        var rel = s[(open + 2)..].IndexOf("]]");
        if (rel < 0) return 0;
        var inner = s.Slice(open + 2, rel);
        var bar = inner.LastIndexOf('|');
        sb.Append(bar >= 0 ? inner[(bar + 1)..] : inner);
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
}
