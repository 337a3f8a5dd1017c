using ContentPipeline.Ingest;
using ContentPipeline.Normalise;
using ContentPipeline.Normalise.Html;

namespace ContentPipeline.Tests.Normalise.Html;

public class HtmlBlockExtractorTests
{
    private static IReadOnlyList<RawBlock> Extract(string html) => new HtmlBlockExtractor().Extract(html);

    private static (string Kind, string Text)[] KindsAndTexts(string html) => Extract(html).Select(b => (b.Kind, b.Text)).ToArray();

    [Fact]
    public void Block_elements_map_to_kinds_in_document_order()
    {
        var blocks = KindsAndTexts("""
            <html><head><title>Not a block</title></head><body>
            <h1>Title</h1>
            <p>First <em>para</em>graph.</p>
            <ul><li>One</li><li><p>Two</p></li></ul>
            <blockquote><p>Quoted</p>loose quote text</blockquote>
            <pre>  code
                indented</pre>
            <table><tr><td>cell a</td><th>cell b</th></tr></table>
            <dl><dt>term</dt><dd>definition</dd></dl>
            <figure><figcaption>caption</figcaption></figure>
            </body></html>
            """);
        Assert.Equal(
            [
                (BlockKinds.Heading, "Title"),
                (BlockKinds.Paragraph, "First paragraph."),
                (BlockKinds.ListItem, "One"),
                (BlockKinds.ListItem, "Two"),
                (BlockKinds.Quote, "Quoted"),
                (BlockKinds.Quote, "loose quote text"),
                (BlockKinds.Code, "  code\n    indented"),
                (BlockKinds.Paragraph, "cell a"),
                (BlockKinds.Paragraph, "cell b"),
                (BlockKinds.Paragraph, "term"),
                (BlockKinds.Paragraph, "definition"),
                (BlockKinds.Paragraph, "caption"),
            ],
            blocks);
    }

    [Fact]
    public void Invisible_content_is_dropped()
    {
        var blocks = KindsAndTexts("""
            <head><style>p { color: red }</style><script>var x = "<p>no</p>";</script></head>
            <body>
            <script>track("x")</script><noscript><p>enable js</p></noscript><template><p>tpl</p></template>
            <svg><text>svg text</text></svg><iframe src="x"></iframe>
            <p hidden>hidden attr</p><div aria-hidden="true">aria</div><p style="color:red; DISPLAY : none">inline none</p>
            <span style="visibility: hidden">invisible</span>
            <p>Visible <span hidden>not this</span>text</p>
            </body>
            """);
        Assert.Equal([(BlockKinds.Paragraph, "Visible text")], blocks);
    }

    [Fact]
    public void Container_text_runs_between_child_blocks_are_blocks_of_their_own()
    {
        var blocks = KindsAndTexts("<div>Before <b>bold</b><p>Inside</p>After<div>Nested</div>Tail</div>");
        Assert.Equal(
            [
                (BlockKinds.Paragraph, "Before bold"),
                (BlockKinds.Paragraph, "Inside"),
                (BlockKinds.Paragraph, "After"),
                (BlockKinds.Paragraph, "Nested"),
                (BlockKinds.Paragraph, "Tail"),
            ],
            blocks);
    }

    [Fact]
    public void Br_splits_into_lines_but_is_a_space_in_headings_and_a_newline_in_pre()
    {
        Assert.Equal(
            [(BlockKinds.Line, "12 Quay Road"), (BlockKinds.Line, "Harbor City")],
            KindsAndTexts("<address>12 Quay Road<br>\n  Harbor City<br></address>"));
        Assert.Equal([(BlockKinds.Paragraph, "Only one")], KindsAndTexts("<p>Only one<br><br></p>"));
        Assert.Equal([(BlockKinds.Heading, "Main title Sub title")], KindsAndTexts("<h2>Main title<br>Sub title</h2>"));
        Assert.Equal([(BlockKinds.Code, "a\nb")], KindsAndTexts("<pre>a<br>b</pre>"));
    }

    [Fact]
    public void Whitespace_collapses_like_a_browser_and_entities_are_decoded()
    {
        Assert.Equal([(BlockKinds.Paragraph, "a b c & d \u00a0e")],
            KindsAndTexts("<p>\n   a  <b> b </b>\tc\n &amp; d &nbsp;e   </p>"));
    }

    [Theory]
    [InlineData("<p>中文<a href=\"#\">链接</a>文本</p>", "中文链接文本")]
    [InlineData("<p>中文<span>行内</span><em>元素</em>。</p>", "中文行内元素。")]
    [InlineData("<p>第一行\n第二行</p>", "第一行第二行")] // a source line break between CJK characters vanishes
    [InlineData("<p>中文，\n  <b>加粗</b></p>", "中文，加粗")]
    [InlineData("<p>English\nwords</p>", "English words")]
    [InlineData("<p>中文 <b>空格</b> 保留</p>", "中文 空格 保留")] // real spaces in the source stay
    [InlineData("<p>GPT-4\n和 o3</p>", "GPT-4 和 o3")]
    public void Cjk_inline_text_gets_no_invented_spaces(string html, string expected) =>
        Assert.Equal(expected, Assert.Single(Extract(html)).Text);

    [Fact]
    public void Link_density_is_the_share_of_characters_inside_links()
    {
        var blocks = Extract("""
            <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
            <p>Plain paragraph without links.</p>
            <p>Half <a href="/x">link</a></p>
            <footer><a href="/a">About</a> | <a href="/p">Privacy</a></footer>
            """);
        Assert.Equal(1.0, blocks[0].LinkDensity);
        Assert.Equal(1.0, blocks[1].LinkDensity);
        Assert.Equal(0.0, blocks[2].LinkDensity);
        Assert.Equal(4.0 / 9.0, blocks[3].LinkDensity!.Value, 6);
        Assert.Equal("About | Privacy", blocks[4].Text);
        Assert.Equal(12.0 / 15.0, blocks[4].LinkDensity!.Value, 6);
    }

    [Fact]
    public void Source_lines_point_at_the_first_visible_character()
    {
        var html = "<html>\n<body>\n<h1>Title</h1>\n<script>\nvar a;\nvar b;\n</script>\n<p>Para\nstill para</p>\n<!-- a\ncomment -->\n<div>\n\n  Loose text<br>second\nline</div>\n</body></html>";
        var blocks = Extract(html);
        Assert.Equal(
            [
                (BlockKinds.Heading, "Title", 3),
                (BlockKinds.Paragraph, "Para still para", 8),
                (BlockKinds.Line, "Loose text", 14),
                (BlockKinds.Line, "second line", 14),
            ],
            blocks.Select(b => (b.Kind, b.Text, b.SourceLine)).ToArray());
    }

    [Fact]
    public void Deep_nesting_does_not_overflow()
    {
        var html = string.Concat(Enumerable.Repeat("<div><span>", 2000)) + "deep" + string.Concat(Enumerable.Repeat("</span></div>", 2000));
        Assert.Equal("deep", Assert.Single(Extract(html)).Text);
    }

    [Fact]
    public void Extractor_is_reusable()
    {
        var x = new HtmlBlockExtractor();
        Assert.Equal("one", Assert.Single(x.Extract("<p>one<br>")).Text);
        Assert.Equal("two", Assert.Single(x.Extract("<p>two")).Text);
    }

    [Fact]
    public void Scraped_article_page_from_raw()
    {
        var doc = Assert.Single(new DocumentIngestor().IngestFile(Ingest.IngestTestFiles.Raw, "scrapes/harbor-library-reading-robots.html")).Document!;
        var blocks = new HtmlBlockExtractor().Extract(doc.Body);
        var texts = blocks.Select(b => b.Text).ToList();

        Assert.DoesNotContain(texts, t => t.Contains("dataLayer") || t.Contains("list-style") || t.Contains("track("));
        Assert.DoesNotContain(texts, t => t.Contains("City budget 2025")); // <div hidden>
        Assert.DoesNotContain(texts, t => t.Contains("Harbor City Library lends out")); // <title> is head, not body

        // nav: one list item per section, all link
        var nav = blocks.Where(b => b.Kind == BlockKinds.ListItem).Take(5).ToList();
        Assert.Equal(["Local", "Business", "Culture", "Sport", "Opinion"], nav.Select(b => b.Text).ToArray());
        Assert.All(nav, b => Assert.Equal(1.0, b.LinkDensity));
        Assert.Equal(36, nav[0].SourceLine);

        var h1 = Assert.Single(blocks, b => b.Kind == BlockKinds.Heading && b.Text == "The library robots that mostly listen");
        Assert.Equal(48, h1.SourceLine);
        Assert.Equal(["Practice without an audience", "What the robots do not do", "Most read"],
            blocks.Where(b => b.Kind == BlockKinds.Heading).Skip(1).Select(b => b.Text).ToArray());

        var first = blocks.Single(b => b.Text.StartsWith("On Tuesday afternoons", StringComparison.Ordinal));
        Assert.Equal(BlockKinds.Paragraph, first.Kind);
        Assert.Equal(0.0, first.LinkDensity);
        Assert.Equal(51, first.SourceLine);
        Assert.Contains("the children's corner", first.Text);

        Assert.Equal(2, blocks.Count(b => b.Kind == BlockKinds.Quote));
        Assert.Contains(blocks, b => b.Kind == BlockKinds.Paragraph && b.Text.Contains("they listen, nod their round heads"));

        // aside headlines: links only
        var headlines = blocks.SkipWhile(b => b.Text != "Most read").Skip(1).Take(4).ToList();
        Assert.All(headlines, b => Assert.Equal((BlockKinds.ListItem, 1.0), (b.Kind, b.LinkDensity!.Value)));

        // footer address: <br>-separated lines
        Assert.Equal(["Eastbank Courier", "12 Quay Road", "Harbor City"],
            blocks.Where(b => b.Kind == BlockKinds.Line).Select(b => b.Text).ToArray());
        Assert.Equal("© 2025 The Eastbank Courier. All rights reserved.", blocks[^5].Text);
    }

    [Fact]
    public void Big5_page_from_raw_keeps_chinese_inline_text_together()
    {
        var doc = Assert.Single(new DocumentIngestor().IngestFile(Ingest.IngestTestFiles.Raw, "scrapes/shilin-night-market-big5.html")).Document!;
        var blocks = new HtmlBlockExtractor().Extract(doc.Body);
        Assert.Equal((BlockKinds.Heading, "士林夜市攤商迎來觀光客回流", 16), (blocks[1].Kind, blocks[1].Text, blocks[1].SourceLine));
        Assert.Equal([(BlockKinds.Line, "記者陳怡君/台北報導"), (BlockKinds.Line, "2024年10月5日")],
            blocks.Skip(2).Take(2).Select(b => (b.Kind, b.Text)).ToArray());
        Assert.StartsWith("在夜市經營蚵仔煎攤位超過二十年", blocks[5].Text);
        Assert.Equal(0.0, blocks[5].LinkDensity);
    }
}
