using ContentPipeline.Normalise;
using ContentPipeline.Normalise.Html;

namespace ContentPipeline.Tests.Normalise.Html;

public class HtmlContainerTests
{
    private static IReadOnlyList<RawBlock> Extract(string html) => new HtmlBlockExtractor().Extract(html);

    [Fact]
    public void Each_block_carries_its_ancestors_tags_roles_and_class_words_nearest_first()
    {
        var blocks = Extract("""
            <html><body>
            <nav role="navigation"><ul><li>Home</li></ul></nav>
            <main><article class="post-body"><p>Essay text.</p>
            <div class="shareBar social_links">Share</div></article></main>
            <aside id="sidebar-2024"><div class="author-box"><p>Hi, I'm Eleanor!</p></div></aside>
            <div><div><p>Bare</p></div></div>
            </body></html>
            """);
        Assert.Equal(
            [
                ("Home", "nav navigation"),
                ("Essay text.", "article post body main"),
                ("Share", "share bar social links article post body main"),
                ("Hi, I'm Eleanor!", "author box aside sidebar"),
                ("Bare", ""),
            ],
            blocks.Select(b => (b.Text, b.Container)).ToArray());
    }

    [Fact]
    public void Words_are_capped_and_ids_with_digits_are_dropped()
    {
        var deep = string.Concat(Enumerable.Range(0, 20).Select(i => $"<div class=\"level{(char)('a' + i)}x\">"));
        var blocks = Extract($"<html><body>{deep}<p class=\"lead css-1x2y3\">Deep</p></body></html>");
        var words = blocks.Single().Container!.Split(' ');
        Assert.Equal(HtmlContainer.MaxWords, words.Length);
        Assert.Equal("lead", words[0]);
        Assert.Equal("css", words[1]); // the generated "1x2y3" is dropped, the readable prefix stays
        Assert.DoesNotContain(words, w => w.Any(char.IsDigit));
    }

    [Fact]
    public void Markdown_blocks_have_no_container()
    {
        var blocks = ContentPipeline.Normalise.Markdown.MarkdownBlockSplitter.Split("# Title\n\nParagraph.\n", 1, stripInline: true);
        Assert.Equal(2, blocks.Count);
        Assert.All(blocks, b => Assert.Null(b.Container));
    }
}
