using ContentPipeline.Config;
using ContentPipeline.Ingest;
using ContentPipeline.Normalise.Html;
using ContentPipeline.Normalise.Markdown;

namespace ContentPipeline.Normalise;

/// <summary>
/// Turns a document's body (Markdown, text or HTML) into clean blocks: markup reduced to text with its block
/// structure kept, then each block's characters cleaned. Blocks left empty by the clean-up are dropped.
/// </summary>
/// <remarks>Not thread-safe: use one instance per thread.</remarks>
public sealed class DocumentNormaliser(NormaliseSettings settings)
{
    private readonly TextNormaliser _text = new(settings);
    private readonly HtmlBlockExtractor _html = new(); // one per normaliser: the extractor reuses its buffers

    public List<RawBlock> Normalise(IngestedDocument doc)
    {
        var isHtml = doc.Format == SourceFormats.Html;
        IReadOnlyList<RawBlock> raw = isHtml
            ? _html.Extract(doc.Body)
            : MarkdownBlockSplitter.Split(doc.Body, doc.BodyStartLine, settings.StripMarkdown);
        // HTML lines are counted inside the HTML string; shift them to lines of the source file.
        var lineOffset = isHtml ? doc.BodyStartLine - 1 : 0;

        var blocks = new List<RawBlock>(raw.Count);
        foreach (var block in raw)
        {
            var isCode = block.Kind == BlockKinds.Code;
            var text = _text.Normalise(block.Text, decodeEntities: !isHtml, preserveWhitespace: isCode);
            if (text.Length == 0) continue;
            blocks.Add(block with { Text = text, SourceLine = block.SourceLine + lineOffset });
        }
        return blocks;
    }
}
