using System.Text.Json.Serialization;

namespace ContentPipeline.Segment;

/// <summary>
/// A normalised block cut into sentences and tokens. Row type of <c>_stages/segment/blocks.parquet</c>
/// and the input of the classifier.
/// </summary>
public sealed class SegmentedBlock
{
    [JsonPropertyName("doc_id")] public string DocId { get; set; } = "";
    /// <summary>0-based position of the block in its document.</summary>
    [JsonPropertyName("block_index")] public int BlockIndex { get; set; }
    /// <summary><see cref="Normalise.BlockKinds"/>: heading, paragraph, list_item, quote, code, line.</summary>
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("text")] public string Text { get; set; } = "";
    /// <summary>1-based line of the source file where the block starts.</summary>
    [JsonPropertyName("source_line")] public int SourceLine { get; set; }
    /// <summary>Share of the block's characters inside links (HTML &lt;a&gt;, Markdown link text); null for a Markdown or text file without any link markup.</summary>
    [JsonPropertyName("link_density")] public double? LinkDensity { get; set; }
    /// <summary>
    /// The HTML elements around the block, nearest first: semantic tags, roles and the words of class/id names
    /// (e.g. "aside author box sidebar"); null when the source was not HTML.
    /// </summary>
    [JsonPropertyName("container")] public string? Container { get; set; }
    /// <summary>zh, en, mixed or other.</summary>
    [JsonPropertyName("language")] public string Language { get; set; } = "";
    /// <summary>Length in Unicode scalar values (what a reader counts as characters).</summary>
    [JsonPropertyName("char_count")] public int CharCount { get; set; }
    [JsonPropertyName("sentences")] public List<string> Sentences { get; set; } = [];
    /// <summary>Words: jieba tokens for Chinese, word tokens for Latin script; no whitespace tokens.</summary>
    [JsonPropertyName("tokens")] public List<string> Tokens { get; set; } = [];
}
