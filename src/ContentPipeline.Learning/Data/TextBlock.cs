namespace ContentPipeline.Learning.Data;

/// <summary>Structural kind of a block, as cut out of the markup.</summary>
public enum BlockKind : byte
{
    Paragraph = 0,
    Heading = 1,
    ListItem = 2,
    Quote = 3,
    Code = 4,
    /// <summary>A single line of a chunk whose lines are separate units (scraped text, br-separated HTML).</summary>
    Line = 5,
    /// <summary>A Markdown line of nothing but images; the text is their alt text.</summary>
    Image = 6,
}

/// <summary>Dominant script/language of a block.</summary>
public enum BlockLanguage : byte
{
    Other = 0,
    Chinese = 1,
    English = 2,
    Mixed = 3,
}

/// <summary>
/// One block of a document: the unit that is classified. Position (index/count) comes from the
/// <see cref="TextDocument"/> that holds the block.
/// </summary>
public sealed class TextBlock
{
    public TextBlock(string text, BlockKind kind, BlockLanguage language, IReadOnlyList<string> tokens, double? linkDensity = null,
        string? container = null)
    {
        Text = text ?? throw new ArgumentNullException(nameof(text));
        Kind = kind;
        Language = language;
        Tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        LinkDensity = linkDensity;
        Container = container;
    }

    public string Text { get; }
    public BlockKind Kind { get; }
    public BlockLanguage Language { get; }
    /// <summary>Words: jieba words for Chinese, word tokens for Latin script; no whitespace tokens.</summary>
    public IReadOnlyList<string> Tokens { get; }
    /// <summary>Share of characters inside links (HTML, or Markdown/text with link markup); null when unknown.</summary>
    public double? LinkDensity { get; }
    /// <summary>
    /// Space-separated words describing the HTML elements around the block, nearest first: semantic tags (nav,
    /// aside, footer, article …), ARIA roles, and the words of class and id names. Null when unknown (not HTML).
    /// </summary>
    public string? Container { get; }

    /// <summary>Parses the language codes used in datasets: zh, en, mixed, anything else is Other.</summary>
    public static BlockLanguage ParseLanguage(string? code) => code switch
    {
        "zh" => BlockLanguage.Chinese,
        "en" => BlockLanguage.English,
        "mixed" => BlockLanguage.Mixed,
        _ => BlockLanguage.Other,
    };

    /// <summary>Parses the kind names used in datasets: heading, paragraph, list_item, quote, code, line, image.</summary>
    public static BlockKind ParseKind(string? kind) => kind switch
    {
        "heading" => BlockKind.Heading,
        "list_item" => BlockKind.ListItem,
        "quote" => BlockKind.Quote,
        "code" => BlockKind.Code,
        "line" => BlockKind.Line,
        "image" => BlockKind.Image,
        _ => BlockKind.Paragraph,
    };

    public static string LanguageCode(BlockLanguage language) => language switch
    {
        BlockLanguage.Chinese => "zh",
        BlockLanguage.English => "en",
        BlockLanguage.Mixed => "mixed",
        _ => "other",
    };
}

/// <summary>An ordered list of blocks with a key (the sampling key for grouped cross-validation).</summary>
public sealed class TextDocument
{
    public TextDocument(string key, IReadOnlyList<TextBlock> blocks)
    {
        Key = key ?? throw new ArgumentNullException(nameof(key));
        Blocks = blocks ?? throw new ArgumentNullException(nameof(blocks));
    }

    public string Key { get; }
    public IReadOnlyList<TextBlock> Blocks { get; }
    public int Count => Blocks.Count;
}

/// <summary>A document with one label per block: true = boilerplate (the positive class), false = content.</summary>
public sealed class LabeledDocument
{
    public LabeledDocument(TextDocument document, IReadOnlyList<bool> isBoilerplate)
    {
        Document = document ?? throw new ArgumentNullException(nameof(document));
        IsBoilerplate = isBoilerplate ?? throw new ArgumentNullException(nameof(isBoilerplate));
        if (isBoilerplate.Count != document.Count)
            throw new ArgumentException($"document '{document.Key}' has {document.Count} blocks but {isBoilerplate.Count} labels", nameof(isBoilerplate));
    }

    public TextDocument Document { get; }
    public IReadOnlyList<bool> IsBoilerplate { get; }
    public string Key => Document.Key;
}
