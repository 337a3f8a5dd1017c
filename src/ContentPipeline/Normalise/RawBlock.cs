namespace ContentPipeline.Normalise;

/// <summary>Block kinds, as written to the <c>kind</c> column.</summary>
public static class BlockKinds
{
    public const string Heading = "heading";
    public const string Paragraph = "paragraph";
    public const string ListItem = "list_item";
    public const string Quote = "quote";
    public const string Code = "code";
    /// <summary>A single line of a chunk whose lines are separate units (scraped text, &lt;br&gt;-separated HTML).</summary>
    public const string Line = "line";
    /// <summary>A Markdown line that holds nothing but images: the block is their alt text.</summary>
    public const string Image = "image";
}

/// <summary>
/// A block as cut out of the markup, before character normalisation.
/// <paramref name="SourceLine"/> is the 1-based line in the source file where the block starts.
/// <paramref name="LinkDensity"/> is the share of the block's characters inside links: HTML's &lt;a&gt;, or link text
/// in Markdown and text (both read as Markdown); null for a Markdown or text file with no link markup anywhere (plain
/// text, or a clipping that dropped its links).
/// <paramref name="Container"/> describes the HTML elements around the block (see <see cref="Html.HtmlContainer"/>);
/// null outside HTML.
/// </summary>
public readonly record struct RawBlock(string Kind, string Text, int SourceLine, double? LinkDensity = null, string? Container = null);
