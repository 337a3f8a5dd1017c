using ContentPipeline.Normalise;
using ContentPipeline.Normalise.Markdown;

namespace ContentPipeline.Tests.Normalise;

public class MarkdownInlineTests
{
    [Theory]
    [InlineData("_In the next couple of decades._", "In the next couple of decades.")]
    [InlineData("This is **bold** and *it* and ~~gone~~.", "This is bold and it and gone.")]
    [InlineData("这是**重点**内容", "这是重点内容")]
    [InlineData("snake_case_name stays, 2*3 too, 5 * 3 as well", "snake_case_name stays, 2*3 too, 5 * 3 as well")]
    [InlineData("See [the post](https://x.org/a_(b)) now", "See the post now")]
    [InlineData("![a chart](img.png) below", "a chart below")]
    [InlineData("[[Sam Altman]] and [[Page|alias]]", "Sam Altman and alias")]
    [InlineData("text<!--more-->more", "textmore")]
    [InlineData("use `a_b*c` here", "use a_b*c here")]
    [InlineData("<https://example.com> and <span class=\"x\">span</span>", "https://example.com and span")]
    [InlineData("a \\*literal\\* star", "a *literal* star")]
    [InlineData("ref [text][1] link", "ref text link")]
    [InlineData("price < 5 and x > 3", "price < 5 and x > 3")]
    public void Reduces_inline_markup_to_text(string input, string expected) => Assert.Equal(expected, MarkdownInline.Strip(input));

    [Theory]
    [InlineData("plain words, no markup", 0)]
    [InlineData("See [the post](https://x.org/a_(b)) now", 8)]             // "the post"
    [InlineData("[**Home**](/) · [About](/about)", 9)]                     // "Home" + "About": emphasis inside is cut first
    [InlineData("![a chart](img.png) below", 0)]                           // an image's alt text is not link text
    [InlineData("[![logo](l.png)](/) Site", 4)]                            // a linked image is
    [InlineData("[[Sam Altman]] and [[Page|alias]]", 15)]                  // wiki links count what they show
    [InlineData("<https://example.com> here", 19)]                         // autolinks count their address
    [InlineData("ref [text][1] link, [not a link] and `[code](x)`", 4)]    // only what parsed as a link
    public void Counts_the_characters_that_were_link_text(string input, int expected)
    {
        var text = MarkdownInline.Strip(input, out var linkChars);
        Assert.Equal(MarkdownInline.Strip(input), text);
        Assert.Equal(expected, linkChars);
    }

    [Theory]
    [InlineData("电话：010-8290****")]
    [InlineData("****")]
    [InlineData("a ** b")]
    [InlineData("a **b and c d")]
    [InlineData("a b** c")]
    [InlineData("卡号6228****1234")]
    [InlineData("尾号****1234的卡")]
    [InlineData("卡号：6228********")]
    [InlineData("密码：****")]
    [InlineData("x****y")]
    [InlineData("a ____ b")]
    [InlineData("编号 12~~~~")]
    [InlineData("电话：010-8290****，工作日 9:00 至 18:00")]
    public void Delimiter_runs_with_nothing_between_opener_and_closer_stay_literal(string input) =>
        Assert.Equal(input, MarkdownInline.Strip(input));

    [Theory]
    [InlineData("*em* and **strong** and ***both***", "em and strong and both")]
    [InlineData("这是**重点**，电话010-8290****", "这是重点，电话010-8290****")]
    [InlineData("**重点：**后续内容", "重点：后续内容")]
    [InlineData("这是**“重点”**内容", "这是“重点”内容")]
    [InlineData("**a** ****", "a ****")]
    public void Emphasis_pairs_are_stripped_and_unpaired_runs_kept(string input, string expected) =>
        Assert.Equal(expected, MarkdownInline.Strip(input));
}

public class MarkdownBlockSplitterTests
{
    private static List<RawBlock> Split(string text) => MarkdownBlockSplitter.Split(text, 1, stripInline: true);

    [Fact]
    public void Recognises_block_kinds_with_source_lines()
    {
        var blocks = Split("# Title\n\nFirst paragraph.\n\n- item one\n- item two\n\n> quoted\n> text\n\n```\ncode line\n```\n\nSetext\n======\n");
        Assert.Equal(
            [("heading", "Title", 1), ("paragraph", "First paragraph.", 3), ("list_item", "item one", 5), ("list_item", "item two", 6),
             ("quote", "quoted text", 8), ("code", "code line", 11), ("heading", "Setext", 15)],
            blocks.Select(b => (b.Kind, b.Text, b.SourceLine)).ToArray());
    }

    [Fact]
    public void Comments_thematic_breaks_and_link_definitions_show_nothing()
    {
        var blocks = Split("Intro\n\n<!--more-->\n\n---\n\n[1]: https://example.com\n\nBody");
        Assert.Equal(["Intro", "Body"], blocks.Select(b => b.Text));
    }

    [Fact]
    public void Lines_of_a_scrape_stay_separate_blocks()
    {
        var blocks = Split("比推快讯\n更多 >>- 香港财政司长\n- 观点:特朗普关税\n- 数据:过去 7 天");
        Assert.Equal(["line", "line", "list_item", "list_item"], blocks.Select(b => b.Kind));
        Assert.Equal("更多 >>- 香港财政司长", blocks[1].Text);
    }

    [Fact]
    public void Hard_wrapped_prose_joins_into_one_paragraph()
    {
        var blocks = Split("This is a long line of prose that was wrapped by an editor at\nseventy characters, and it goes on for a while before it\nends here.");
        var block = Assert.Single(blocks);
        Assert.Equal("paragraph", block.Kind);
        Assert.StartsWith("This is a long line", block.Text);
        Assert.EndsWith("ends here.", block.Text);
    }

    [Fact]
    public void A_line_ending_in_a_hyphen_is_joined_only_to_a_lower_case_continuation()
    {
        var graded = Split("Overall grade for the whole of the autumn term, maths: A-\nThe teacher wrote a long note about fractions.");
        Assert.Equal(2, graded.Count);
        Assert.EndsWith("maths: A-", graded[0].Text);
        Assert.StartsWith("The teacher", graded[1].Text);
        var broken = Split("The committee met on Thursday to discuss the long-\nawaited report on the harbour.");
        Assert.Single(broken);
    }

    [Fact]
    public void A_line_of_nothing_but_images_is_an_image_block_of_its_alt_text()
    {
        var blocks = Split("![A bowl of rough oat dough](img/dough.jpg)\n\n[![Map of the route](map.png)](https://example.com/map) ![Logo][logo]\n\nThe dough rests for ten minutes ![icon](i.png) before rolling.");
        Assert.Equal(["image", "image", "paragraph"], blocks.Select(b => b.Kind));
        Assert.Equal("A bowl of rough oat dough", blocks[0].Text);
    }

    [Theory]
    [InlineData("![alt](a.png) and some words", false)]
    [InlineData("![alt text with [brackets]](a.png \"title\")", true)]
    [InlineData("![unclosed](a.png", false)]
    [InlineData("[link](x) ![alt](a.png)", false)]
    [InlineData("", false)]
    public void Image_only_lines_are_recognised(string line, bool expected) =>
        Assert.Equal(expected, ContentPipeline.Normalise.Markdown.MarkdownInline.IsImageOnly(line));

    [Theory]
    [InlineData("[Image: Two scarlet elf cups on a moss-covered hazel stick.]", "image")]
    [InlineData("[图片]", "image")]
    [InlineData("[圖片：老碼頭的漁船]", "image")]
    [InlineData("[photo]", "image")]
    [InlineData("[edit]", "paragraph")]                                   // a wiki's edit link is no picture
    [InlineData("[Image: a chart] and the words after it", "paragraph")]  // the placeholder must be the whole line
    [InlineData("[Imagery of the coast]", "paragraph")]
    public void A_text_dumps_image_placeholder_is_an_image_block(string line, string kind) =>
        Assert.Equal(kind, Assert.Single(Split(line)).Kind);

    [Fact]
    public void An_image_placeholder_among_single_lines_is_an_image_line()
    {
        var blocks = Split("The boats came in at six.\n[图片]\n老码头上的渔船。王一航 摄\nThe market opened at seven.");
        Assert.Equal(["line", "image", "line", "line"], blocks.Select(b => b.Kind));
        Assert.Equal("[图片]", blocks[1].Text);
    }

    [Fact]
    public void Link_density_is_the_share_of_link_text_when_the_file_has_links()
    {
        var blocks = Split("- [Home](/) [News](/news)\n\nAn essay paragraph that cites [one source](https://a.example) in passing.\n\n```\n[x](y)\n```");
        Assert.Equal(3, blocks.Count);
        Assert.Equal(8.0 / 9, blocks[0].LinkDensity!.Value, 12);   // "Home News": all but the space
        Assert.Equal(10.0 / blocks[1].Text.Length, blocks[1].LinkDensity!.Value, 12);
        Assert.Equal(0.0, blocks[2].LinkDensity);   // code keeps its brackets and is no link
    }

    [Fact]
    public void Link_density_stays_unknown_in_markdown_without_any_link()
    {
        var blocks = Split("# Title\n\nA paragraph with *emphasis* and ![an image](a.png).\n\n- a plain list item");
        Assert.Equal(3, blocks.Count);
        Assert.All(blocks, b => Assert.Null(b.LinkDensity));
    }

    [Fact]
    public void Without_inline_markup_stripping_there_is_no_link_density()
    {
        var blocks = MarkdownBlockSplitter.Split("[Home](/) [News](/news)\n\nBody text.", 1, stripInline: false);
        Assert.All(blocks, b => Assert.Null(b.LinkDensity));
    }

    [Fact]
    public void Headlines_without_full_stops_are_not_joined()
    {
        var blocks = Split("Bitcoin ETF sees record inflows as price tops $70,000\nOpenAI Announces New Model For Enterprise Customers Today");
        Assert.Equal(2, blocks.Count);
    }

    [Fact]
    public void Numbered_lines_without_a_space_are_text_not_lists()
    {
        var blocks = Split("1.AI模型的智能水平大致取决于其训练和运行所消耗资源的对数。");
        Assert.Equal("paragraph", Assert.Single(blocks).Kind);
    }
}
