namespace ContentPipeline.Normalise.Markdown;

/// <summary>
/// Cuts Markdown or plain text into blocks: headings, paragraphs, list items, quotes, code, and the single
/// lines of chunks whose lines stand alone (scraped text puts one paragraph or headline per line).
/// Inline markup is reduced to text by <see cref="MarkdownInline"/>; character clean-up happens later.
/// </summary>
public static class MarkdownBlockSplitter
{
    /// <summary>A line this long that stops mid-sentence and continues in lower case is a hard-wrapped line.</summary>
    private const int MinWrappedLineLength = 40;

    public static List<RawBlock> Split(string body, int firstLine, bool stripInline)
    {
        var lines = body.Split('\n');
        for (var k = 0; k < lines.Length; k++) lines[k] = lines[k].TrimEnd('\r');
        var blocks = new List<RawBlock>();
        var i = 0;
        while (i < lines.Length)
        {
            var line = lines[i];
            var trimmed = line.AsSpan().Trim();
            var lineNo = firstLine + i;
            if (trimmed.IsEmpty || IsThematicBreak(trimmed) || IsLinkReferenceDefinition(trimmed))
            {
                i++;
                continue;
            }
            if (IsFence(trimmed, out var fence))
            {
                var start = ++i;
                while (i < lines.Length && !lines[i].AsSpan().TrimStart().StartsWith(fence)) i++;
                var code = string.Join('\n', lines, start, i - start);
                if (code.Trim().Length > 0) blocks.Add(new RawBlock(BlockKinds.Code, code, lineNo));
                i++; // closing fence
                continue;
            }
            if (trimmed.StartsWith("<!--"))
            {
                // A comment on its own (<!--more-->, or spanning lines) holds nothing a reader sees.
                var j = i;
                while (j < lines.Length && !lines[j].Contains("-->")) j++;
                var after = j < lines.Length ? lines[j][(lines[j].IndexOf("-->", StringComparison.Ordinal) + 3)..] : "";
                if (after.Trim().Length == 0)
                {
                    i = j + 1;
                    continue;
                }
            }
            if (TryHeading(trimmed, out var heading))
            {
                Add(blocks, BlockKinds.Heading, heading, lineNo, stripInline);
                i++;
                continue;
            }
            if (trimmed[0] == '>')
            {
                i = ReadQuote(lines, i, firstLine, blocks, stripInline);
                continue;
            }
            if (TryListItem(line, out var itemText, out var contentIndent))
            {
                var text = itemText;
                i++;
                // Lazy and indented continuation lines belong to the item.
                while (i < lines.Length && lines[i].Trim().Length > 0 && !StartsBlock(lines[i])
                       && (Indent(lines[i]) >= Math.Min(contentIndent, 2) || IsSoftWrap(text, lines[i])))
                    text += " " + lines[i].Trim();
                Add(blocks, BlockKinds.ListItem, text, lineNo, stripInline);
                continue;
            }
            i = ReadParagraphChunk(lines, i, firstLine, blocks, stripInline);
        }
        return WithLinkDensity(blocks);
    }

    /// <summary>
    /// Link density is known only where the source kept its links: a document with no link markup at all (plain text,
    /// or a clipping that dropped its links) leaves every block's null rather than claim "no links"; otherwise the
    /// blocks without links, code among them, get 0.
    /// </summary>
    private static List<RawBlock> WithLinkDensity(List<RawBlock> blocks)
    {
        var anyLinks = false;
        foreach (var block in blocks) anyLinks |= block.LinkDensity.HasValue; // only blocks with link text have one yet
        if (!anyLinks) return blocks;
        for (var k = 0; k < blocks.Count; k++)
            if (blocks[k].LinkDensity is null) blocks[k] = blocks[k] with { LinkDensity = 0 };
        return blocks;
    }

    /// <summary>
    /// A run of ordinary lines. Hard-wrapped prose joins into one paragraph; lines that each stand alone
    /// (headlines, one-paragraph-per-line scrapes) become separate line blocks.
    /// </summary>
    private static int ReadParagraphChunk(string[] lines, int i, int firstLine, List<RawBlock> blocks, bool stripInline)
    {
        var chunkStart = blocks.Count;
        var current = lines[i].Trim();
        var currentLine = firstLine + i;
        var pieces = 1;
        i++;
        while (i < lines.Length && lines[i].Trim().Length > 0)
        {
            var next = lines[i].Trim();
            if (IsSetextUnderline(next) && pieces == 1 && blocks.Count == chunkStart)
            {
                Add(blocks, BlockKinds.Heading, current, currentLine, stripInline);
                return i + 1;
            }
            if (StartsBlock(lines[i])) break;
            if (IsSoftWrap(current, next))
            {
                current += " " + next;
            }
            else
            {
                Add(blocks, PieceKind(current, BlockKinds.Line), current, currentLine, stripInline);
                current = next;
                currentLine = firstLine + i;
                pieces++;
            }
            i++;
        }
        Add(blocks, PieceKind(current, pieces == 1 ? BlockKinds.Paragraph : BlockKinds.Line), current, currentLine, stripInline);
        return i;
    }

    /// <summary>A piece of nothing but images is an image block (its alt text); any other keeps <paramref name="kind"/>.</summary>
    private static string PieceKind(string piece, string kind) =>
        MarkdownInline.IsImageOnly(piece) || IsImagePlaceholder(piece) ? BlockKinds.Image : kind;

    /// <summary>
    /// What a text dump leaves where a picture was: "[Image: two cups on a hazel stick]", "[图片]", "[Photo]". It marks
    /// the caption under it as Markdown's image line does.
    /// </summary>
    private static bool IsImagePlaceholder(ReadOnlySpan<char> piece)
    {
        var t = piece.Trim();
        if (t.Length < 3 || t[0] != '[' || t[^1] != ']') return false;
        var inner = t[1..^1];
        if (inner.IndexOfAny('[', ']') >= 0) return false;
        var colon = inner.IndexOfAny(':', '：');
        var label = (colon >= 0 ? inner[..colon] : inner).Trim();
        foreach (var word in ImagePlaceholderWords)
            if (label.Equals(word, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static readonly string[] ImagePlaceholderWords = ["image", "img", "photo", "picture", "figure", "图片", "圖片", "图", "圖", "附图", "配图", "照片"];

    private static int ReadQuote(string[] lines, int i, int firstLine, List<RawBlock> blocks, bool stripInline)
    {
        var text = "";
        var startLine = firstLine + i;
        while (i < lines.Length && lines[i].TrimStart().StartsWith('>'))
        {
            var inner = lines[i].TrimStart()[1..].Trim();
            while (inner.StartsWith('>')) inner = inner[1..].Trim();
            if (inner.Length == 0)
            {
                if (text.Length > 0) Add(blocks, BlockKinds.Quote, text, startLine, stripInline);
                text = "";
            }
            else
            {
                if (text.Length == 0) startLine = firstLine + i;
                text = text.Length == 0 ? inner : text + " " + inner;
            }
            i++;
        }
        if (text.Length > 0) Add(blocks, BlockKinds.Quote, text, startLine, stripInline);
        return i;
    }

    private static void Add(List<RawBlock> blocks, string kind, string text, int line, bool stripInline)
    {
        var linkChars = 0;
        var clean = stripInline ? MarkdownInline.Strip(text, out linkChars) : text;
        var visible = clean.AsSpan().Trim().Length;
        if (visible > 0) blocks.Add(new RawBlock(kind, clean, line, linkChars > 0 ? Math.Min(1.0, (double)linkChars / visible) : null));
    }

    /// <summary>
    /// Whether <paramref name="next"/> continues <paramref name="current"/> (hard-wrapped prose): the current line is
    /// long, does not end a sentence, and the next one starts in lower case or the current one ends with a comma.
    /// A trailing hyphen alone does not join: "Grade: A-" ends a line, and a word broken by a hyphen continues in
    /// lower case anyway.
    /// </summary>
    private static bool IsSoftWrap(string current, string next)
    {
        var lastLineStart = current.LastIndexOf('\n') + 1;
        if (current.Length - lastLineStart < MinWrappedLineLength || next.Length == 0) return false;
        var last = current[^1];
        if (last is '.' or '!' or '?' or ':' or ';' or '"' or ')' || last > 0x2E7F) return false; // CJK text never wraps
        return char.IsLower(next[0]) || last == ',';
    }

    private static bool StartsBlock(string line)
    {
        var t = line.AsSpan().Trim();
        return t.Length > 0 && (t[0] == '>' || IsFence(t, out _) || TryHeading(t, out _) || TryListItem(line, out _, out _) || IsThematicBreak(t));
    }

    private static int Indent(string line)
    {
        var n = 0;
        while (n < line.Length && line[n] == ' ') n++;
        return n;
    }

    private static bool IsFence(ReadOnlySpan<char> t, out string fence)
    {
        fence = t.StartsWith("```") ? "```" : t.StartsWith("~~~") ? "~~~" : "";
        return fence.Length > 0;
    }

    private static bool TryHeading(ReadOnlySpan<char> t, out string text)
    {
        text = "";
        var level = 0;
        while (level < t.Length && t[level] == '#') level++;
        if (level is 0 or > 6 || (level < t.Length && t[level] != ' ' && t[level] != '\t')) return false;
        var inner = t[level..].Trim().TrimEnd('#').TrimEnd();
        text = inner.ToString();
        return text.Length > 0;
    }

    /// <summary>"- x", "* x", "+ x", "1. x", "1) x" (with a space after the marker, as CommonMark requires).</summary>
    private static bool TryListItem(string line, out string text, out int contentIndent)
    {
        text = "";
        contentIndent = 0;
        var indent = Indent(line);
        var t = line.AsSpan(indent);
        if (t.Length < 2) return false;
        int markerLength;
        if (t[0] is '-' or '*' or '+' or '•' or '·') markerLength = 1;
        else
        {
            var d = 0;
            while (d < t.Length && d < 9 && char.IsAsciiDigit(t[d])) d++;
            if (d == 0 || d >= t.Length || t[d] is not ('.' or ')')) return false;
            markerLength = d + 1;
        }
        if (markerLength >= t.Length || t[markerLength] is not (' ' or '\t')) return false;
        text = t[markerLength..].Trim().ToString();
        contentIndent = indent + markerLength + 1;
        return text.Length > 0;
    }

    private static bool IsThematicBreak(ReadOnlySpan<char> t)
    {
        if (t.Length < 3 || t[0] is not ('-' or '*' or '_')) return false;
        var c = t[0];
        var count = 0;
        foreach (var ch in t)
        {
            if (ch == c) count++;
            else if (ch != ' ') return false;
        }
        return count >= 3;
    }

    private static bool IsSetextUnderline(string t) =>
        t.Length >= 2 && (t.AsSpan().Trim('=').IsEmpty || t.AsSpan().Trim('-').IsEmpty);

    /// <summary>"[ref]: https://…" lines define link targets and show nothing.</summary>
    private static bool IsLinkReferenceDefinition(ReadOnlySpan<char> t)
    {
        if (t.Length < 4 || t[0] != '[') return false;
        var close = t.IndexOf("]:");
        return close > 1 && t[(close + 2)..].TrimStart().StartsWith("http");
    }
}
