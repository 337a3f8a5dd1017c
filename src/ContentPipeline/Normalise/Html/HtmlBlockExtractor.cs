using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ContentPipeline.Normalise.Html;

/// <summary>
/// HTML → the visible text as ordered blocks, the way a browser would lay it out:
/// <list type="bullet">
/// <item>h1–h6 → heading, p → paragraph, li → list_item, blockquote → quote (its p's too), pre → code;
/// the text runs of any other block container (div, td, nav, footer, …) → paragraph (or the list_item / quote of an
/// enclosing li / blockquote). Text directly in a container between two child blocks is a block of its own.</item>
/// <item><c>&lt;br&gt;</c> splits a run into <c>line</c> blocks (in headings it is a space, in pre a newline).</item>
/// <item>Inline elements stay inline; whitespace collapses as in CSS <c>white-space: normal</c>, and a line break
/// in the source between two CJK characters disappears (CSS Text 3 segment-break rules), so no space is ever invented
/// inside Chinese text. pre keeps its whitespace.</item>
/// <item>Dropped: head, script, style, noscript, template, svg, iframe, media/embeds, form fields with their own text,
/// and anything hidden (hidden attribute, aria-hidden="true", inline display:none / visibility:hidden).
/// nav, aside, header and footer are kept: telling them apart is the classifier's job.</item>
/// </list>
/// <see cref="RawBlock.SourceLine"/> is the 1-based line (within the HTML string) of the block's first visible
/// character; <see cref="RawBlock.LinkDensity"/> the share of the block's characters inside &lt;a&gt; (0 without links);
/// <see cref="RawBlock.Container"/> the tags, roles and class/id words around it (<see cref="HtmlContainer"/>).
/// One parse and one iterative traversal per document (no recursion, so deeply nested markup cannot overflow the stack).
/// An instance is not thread-safe; use one per thread.
/// </summary>
public sealed class HtmlBlockExtractor
{
    private readonly HtmlParser _parser = new(new HtmlParserOptions { IsKeepingSourceReferences = true, IsScripting = false });
    private readonly StringBuilder _text = new(1024);
    private readonly List<Segment> _segments = [];
    private readonly Stack<(INode Node, bool Exit)> _stack = new();
    private readonly List<Context> _contexts = [];
    private List<RawBlock> _blocks = [];

    // The run (inline content of one block container between block boundaries) being built.
    private int _linkChars;
    private int _segmentLine;
    private bool _pendingSpace, _pendingNewline, _pendingInLink, _prevCjk, _runHadBreak;
    private int _line = 1, _linkDepth, _preDepth;

    private readonly record struct Segment(string Text, int Line, double LinkDensity);
    private readonly record struct Context(string RunKind, string InheritedKind, string? Container);

    /// <summary>Blocks of <paramref name="html"/>, in document order.</summary>
    public IReadOnlyList<RawBlock> Extract(string html)
    {
        var doc = _parser.ParseDocument(html);
        _blocks = [];
        ResetRun();
        _segments.Clear();
        _runHadBreak = false;
        _contexts.Clear();
        _contexts.Add(new Context(BlockKinds.Paragraph, BlockKinds.Paragraph, null));
        _line = 1;
        _linkDepth = 0;
        _preDepth = 0;
        _stack.Clear();

        if (doc.DocumentElement is { } root) _stack.Push((root, false));
        while (_stack.Count > 0)
        {
            var (node, exit) = _stack.Pop();
            if (exit) Leave((IElement)node);
            else Visit(node);
        }
        EndRun();
        var result = _blocks;
        _blocks = [];
        return result;
    }

    private void Visit(INode node)
    {
        switch (node)
        {
            case IText text:
                if (_preDepth > 0) AppendPre(text.Data);
                else AppendCollapsed(text.Data);
                return;
            case IElement element:
                Enter(element);
                return;
            case IComment comment:
                _line += Count(comment.Data, '\n');
                return;
        }
    }

    private void Enter(IElement e)
    {
        var name = e.LocalName;
        if (e.SourceReference is { } src && src.Position.Line > 0) _line = src.Position.Line;

        if (IsDropped(name) || IsHidden(e))
        {
            _line += Count(e.TextContent, '\n');
            return;
        }

        if (name == "br")
        {
            Break();
            return;
        }

        if (IsBlock(name))
        {
            if (_preDepth > 0) PreBoundary();
            else EndRun();

            var parent = _contexts[^1];
            var container = HtmlContainer.Describe(e, parent.Container);
            _contexts.Add(name switch
            {
                "h1" or "h2" or "h3" or "h4" or "h5" or "h6" => new Context(BlockKinds.Heading, parent.InheritedKind, container),
                "li" => new Context(BlockKinds.ListItem, BlockKinds.ListItem, container),
                "blockquote" => new Context(BlockKinds.Quote, BlockKinds.Quote, container),
                "pre" or "listing" or "xmp" or "plaintext" => new Context(BlockKinds.Code, parent.InheritedKind, container),
                _ => parent.RunKind == BlockKinds.Code ? parent with { Container = container } : new Context(parent.InheritedKind, parent.InheritedKind, container),
            });
            if (name is "pre" or "listing" or "xmp" or "plaintext") _preDepth++;
        }
        else if (name == "a")
        {
            _linkDepth++;
        }

        _stack.Push((e, true));
        var children = e.ChildNodes;
        for (int i = children.Length - 1; i >= 0; i--)
            _stack.Push((children[i], false));
    }

    private void Leave(IElement e)
    {
        var name = e.LocalName;
        if (IsBlock(name))
        {
            bool isPre = name is "pre" or "listing" or "xmp" or "plaintext";
            if (isPre) _preDepth--;
            if (_preDepth > 0) PreBoundary();
            else EndRun();
            _contexts.RemoveAt(_contexts.Count - 1);
        }
        else if (name == "a")
        {
            _linkDepth--;
        }
    }

    // ---- inline text ----

    private void AppendCollapsed(string data)
    {
        bool inLink = _linkDepth > 0;
        foreach (var c in data)
        {
            if (c is ' ' or '\t' or '\n' or '\r' or '\f')
            {
                if (c == '\n')
                {
                    _line++;
                    _pendingNewline = true;
                }
                if (_text.Length > 0)
                {
                    if (!_pendingSpace) _pendingInLink = inLink;
                    else _pendingInLink &= inLink;
                    _pendingSpace = true;
                }
                continue;
            }
            bool cjk = IsCjk(c);
            if (_text.Length == 0)
            {
                _segmentLine = _line;
            }
            else if (_pendingSpace)
            {
                // CSS Text 3: a segment break between two East Asian wide characters is removed, not turned into a space.
                if (!(_pendingNewline && _prevCjk && cjk))
                {
                    _text.Append(' ');
                    if (_pendingInLink && inLink) _linkChars++;
                }
            }
            _pendingSpace = false;
            _pendingNewline = false;
            _text.Append(c);
            if (inLink) _linkChars++;
            if (!char.IsLowSurrogate(c)) _prevCjk = cjk;
        }
    }

    private void AppendPre(string data)
    {
        bool inLink = _linkDepth > 0;
        foreach (var c in data)
        {
            if (c == '\n') _line++;
            if (_segmentLine == 0 && !char.IsWhiteSpace(c)) _segmentLine = _line;
            _text.Append(c);
            if (inLink) _linkChars++;
        }
    }

    /// <summary>&lt;br&gt;: a new line in pre, a space in a heading, else the end of a <c>line</c> segment.</summary>
    private void Break()
    {
        if (_preDepth > 0)
        {
            _text.Append('\n');
            return;
        }
        if (_contexts[^1].RunKind == BlockKinds.Heading)
        {
            if (_text.Length > 0)
            {
                _pendingSpace = true;
                _pendingInLink = false;
            }
            return;
        }
        _runHadBreak = true;
        CloseSegment();
    }

    private void PreBoundary()
    {
        if (_text.Length > 0 && _text[^1] != '\n') _text.Append('\n');
    }

    private void CloseSegment()
    {
        if (_text.Length > 0)
        {
            string text;
            if (_preDepth > 0 || _contexts[^1].RunKind == BlockKinds.Code) text = TrimPre(_text);
            else text = _text.ToString();
            if (!string.IsNullOrWhiteSpace(text))
            {
                double density = text.Length == 0 ? 0 : Math.Min(1.0, _linkChars / (double)text.Length);
                _segments.Add(new Segment(text, _segmentLine == 0 ? _line : _segmentLine, density));
            }
        }
        ResetRun();
    }

    /// <summary>A block boundary: the run so far becomes one block, or one <c>line</c> block per &lt;br&gt;-separated segment.</summary>
    private void EndRun()
    {
        CloseSegment();
        if (_segments.Count > 0)
        {
            var context = _contexts[^1];
            string kind = _runHadBreak && _segments.Count > 1 ? BlockKinds.Line : context.RunKind;
            foreach (var s in _segments)
                _blocks.Add(new RawBlock(kind, s.Text, s.Line, s.LinkDensity, context.Container ?? ""));
            _segments.Clear();
        }
        _runHadBreak = false;
    }

    private void ResetRun()
    {
        _text.Clear();
        _linkChars = 0;
        _segmentLine = 0;
        _pendingSpace = false;
        _pendingNewline = false;
        _pendingInLink = false;
        _prevCjk = false;
    }

    /// <summary>pre text: leading blank lines and trailing whitespace go, indentation stays.</summary>
    private static string TrimPre(StringBuilder sb)
    {
        var s = sb.ToString().TrimEnd();
        int start = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '\n') start = i + 1;
            else if (!char.IsWhiteSpace(s[i])) break;
        }
        return s[start..];
    }

    // ---- classification of elements and characters ----

    private static bool IsDropped(string name) => name switch
    {
        "head" or "title" or "meta" or "link" or "base" or "script" or "style" or "noscript" or "template" or "svg" or "math"
            or "iframe" or "frame" or "frameset" or "object" or "embed" or "canvas" or "audio" or "video" or "picture"
            or "source" or "track" or "map" or "select" or "datalist" or "option" or "optgroup" or "textarea" or "input"
            or "img" or "rp" or "dialog" => true,
        _ => false,
    };

    private static bool IsBlock(string name) => name switch
    {
        "html" or "body" or "address" or "article" or "aside" or "blockquote" or "center" or "dd" or "details" or "dir"
            or "div" or "dl" or "dt" or "fieldset" or "figcaption" or "figure" or "footer" or "form" or "h1" or "h2" or "h3"
            or "h4" or "h5" or "h6" or "header" or "hgroup" or "hr" or "legend" or "li" or "main" or "menu" or "nav" or "ol"
            or "p" or "pre" or "listing" or "xmp" or "plaintext" or "section" or "summary" or "table" or "caption"
            or "thead" or "tbody" or "tfoot" or "tr" or "td" or "th" or "ul" or "search" => true,
        _ => false,
    };

    private static bool IsHidden(IElement e)
    {
        if (e.HasAttribute("hidden")) return true;
        if (string.Equals(e.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase)) return true;
        var style = e.GetAttribute("style");
        if (string.IsNullOrEmpty(style)) return false;
        Span<char> compact = stackalloc char[Math.Min(style.Length, 512)];
        int n = 0;
        foreach (var c in style)
        {
            if (n == compact.Length) break;
            if (!char.IsWhiteSpace(c)) compact[n++] = char.ToLowerInvariant(c);
        }
        var s = compact[..n];
        return s.Contains("display:none", StringComparison.Ordinal) || s.Contains("visibility:hidden", StringComparison.Ordinal);
    }

    /// <summary>East Asian wide/full-width characters (Han, kana, CJK punctuation, full-width forms), not Hangul.</summary>
    internal static bool IsCjk(char c) =>
        c is >= '\u2E80' and <= '\u9FFF' and not (>= '\u3130' and <= '\u318F')
            or >= '\uF900' and <= '\uFAFF'
            or >= '\uFE30' and <= '\uFE4F'
            or >= '\uFF01' and <= '\uFF60'
            or >= '\uFFE0' and <= '\uFFE6'
            or >= '\uD840' and <= '\uD8BF'; // high surrogates of planes 2–3 (CJK extensions B–H)

    private static int Count(string s, char c)
    {
        int n = 0;
        foreach (var x in s) if (x == c) n++;
        return n;
    }
}
