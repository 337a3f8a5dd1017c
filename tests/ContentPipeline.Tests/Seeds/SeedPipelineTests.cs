using ContentPipeline.Config;
using ContentPipeline.Normalise;
using ContentPipeline.Running;
using ContentPipeline.Segment;

namespace ContentPipeline.Tests.Seeds;

/// <summary>The three real scrapes through ingest → normalise → segment, with exact expectations.</summary>
public class SeedPipelineTests
{
    private static (ContentPipeline.Ingest.IngestedDocument Doc, List<SegmentedBlock> Blocks) Process(string relative) =>
        new InMemoryPipeline(new PipelineConfig()).ProcessFile(Path.Combine(RepoPaths.Raw, relative)).Single();

    private static readonly string[] MarkupLeftovers = ["<!--", "-->", "**", "](", "[[", "---", "layout:", "title:", "author:", "tags:"];

    [Fact]
    public void Intelligence_age_english_essay_with_jekyll_front_matter()
    {
        var (doc, blocks) = Process("essays/the-intelligence-age.md");
        Assert.Equal("The Intelligence Age", doc.Title);
        Assert.Equal("Sam Altman", doc.Author);
        Assert.Equal(new DateTime(2024, 9, 23, 4, 0, 0, DateTimeKind.Utc), doc.Published);
        Assert.Equal(20, blocks.Count);
        Assert.All(blocks, b => Assert.Equal(BlockKinds.Paragraph, b.Kind));
        Assert.All(blocks, b => Assert.Equal(Languages.English, b.Language));
        Assert.Equal("In the next couple of decades, we will be able to do things that would have seemed like magic to our grandparents.", blocks[0].Text);
        Assert.Equal(12, blocks[0].SourceLine);
        Assert.Equal("In three words: deep learning worked.", blocks.Single(b => b.Text.StartsWith("In three words")).Text);
        AssertNoMarkup(blocks);
        Assert.Equal(["In", "three", "words", ":", "deep", "learning", "worked", "."], blocks.Single(b => b.Text.StartsWith("In three words")).Tokens);
    }

    [Fact]
    public void Gentle_singularity_chinese_clipping_with_obsidian_front_matter()
    {
        var (doc, blocks) = Process("clippings/the-gentle-singularity.md");
        Assert.Equal("The Gentle Singularity", doc.Title);
        Assert.Equal("Sam Altman", doc.Author);
        Assert.Equal(new DateTime(2025, 6, 11, 0, 0, 0, DateTimeKind.Utc), doc.Published);
        Assert.Equal(28, blocks.Count);
        Assert.Equal(26, blocks.Count(b => b.Kind == BlockKinds.Paragraph));
        Assert.Equal(2, blocks.Count(b => b.Kind == BlockKinds.ListItem));
        Assert.All(blocks, b => Assert.Equal(Languages.Chinese, b.Language));
        Assert.StartsWith("我们已经越过了事件视界；起飞已经开始。", blocks[0].Text);
        Assert.Equal(["我们已经越过了事件视界；起飞已经开始。", "人类正接近于构建数字超级智能，至少到目前为止，它比看上去应该的样子要正常得多。"], blocks[0].Sentences);
        Assert.StartsWith("我们 已经 越过 了 事件 视界", string.Join(' ', blocks[0].Tokens));
        AssertNoMarkup(blocks);
    }

    [Fact]
    public void Bitpush_article_one_block_per_line_with_the_ticker_tail()
    {
        var (doc, blocks) = Process("news/ai-economics-bitpush.txt");
        Assert.Equal("山姆·奥特曼提出AI经济学观察:未来有何趋势?", doc.Title);
        Assert.Null(doc.Author);
        Assert.Equal(100, blocks.Count); // every non-empty line is a block
        var tickerStart = blocks.FindIndex(b => b.Text == "比推快讯");
        Assert.Equal(36, tickerStart);   // title + 35 article paragraphs before the ticker
        Assert.Equal(38, blocks[tickerStart].SourceLine);
        Assert.All(blocks.Take(tickerStart), b => Assert.Equal(BlockKinds.Line, b.Kind));
        Assert.StartsWith("1.AI模型的智能水平", blocks.Single(b => b.Text.StartsWith("1.AI")).Text); // not a list marker
        Assert.Equal("更多 >>- 香港财政司长陈茂波:韩国监管机构非常关注香港稳定币议题", blocks[tickerStart + 1].Text);
        Assert.True(blocks.Skip(tickerStart).Count(b => b.Kind == BlockKinds.ListItem) > 50);
        Assert.Equal(Languages.Chinese, blocks[1].Language);
        AssertNoMarkup(blocks);
    }

    private static void AssertNoMarkup(List<SegmentedBlock> blocks)
    {
        foreach (var b in blocks)
            foreach (var leftover in MarkupLeftovers)
                Assert.False(b.Text.Contains(leftover, StringComparison.Ordinal), $"block {b.BlockIndex} keeps '{leftover}': {b.Text}");
    }
}
