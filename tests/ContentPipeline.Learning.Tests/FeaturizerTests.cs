using ContentPipeline.Learning.Data;
using ContentPipeline.Learning.Features;

namespace ContentPipeline.Learning.Tests;

public class FeaturizerTests
{
    private static float[] Shape(string text, BlockKind kind = BlockKind.Paragraph, BlockLanguage language = BlockLanguage.Chinese)
    {
        var f = new float[DenseBlockFeatures.ShapeCount];
        DenseBlockFeatures.ComputeShape(new TextBlock(text, kind, language, [text]), f);
        return f;
    }

    [Fact]
    public void Stable_hash_is_fnv1a_over_utf16_code_units()
    {
        // FNV-1a of bytes 0x61 0x00 ("a" as UTF-16LE)
        uint expected = 2166136261;
        expected = (expected ^ 0x61) * 16777619;
        expected = (expected ^ 0x00) * 16777619;
        Assert.Equal(expected, StableHash.Fnv1a("a"));
        Assert.Equal(StableHash.Fnv1a("比推快讯"), StableHash.Fnv1a("比推快讯".AsSpan()));
    }

    [Fact]
    public void Shape_features_see_markers_time_prices_and_tickers()
    {
        var ticker = Shape("- 数据:过去 24 小时全网爆仓 1.95 亿美元,BTC 上涨 3%");
        Assert.Equal(1, ticker[DenseBlockFeatures.ListMarker]);
        Assert.True(ticker[DenseBlockFeatures.PriceCount] > 0);
        Assert.True(ticker[DenseBlockFeatures.TickerCount] > 0);
        Assert.Equal(0, ticker[DenseBlockFeatures.EndsWithSentenceEnd]);
        var more = Shape("更多 >>观点");
        Assert.Equal(1, more[DenseBlockFeatures.SectionMarker]);
        Assert.Equal(1, Shape("10:32 某巨鲸转出 2000 枚 ETH")[DenseBlockFeatures.TimeStamp]);
        Assert.Equal(1, Shape("2小时前")[DenseBlockFeatures.TimeStamp]);
        Assert.Equal(1, Shape("Posted 2024-07-12 by admin", language: BlockLanguage.English)[DenseBlockFeatures.Date]);
        var essay = Shape("人类天生就是工具的创造者,拥有强烈的探索和创新欲望。");
        Assert.Equal(1, essay[DenseBlockFeatures.EndsWithSentenceEnd]);
        Assert.Equal(0, essay[DenseBlockFeatures.ListMarker]);
        Assert.Equal(1, Shape("1. 解决对齐问题")[DenseBlockFeatures.ListMarker]);
        Assert.Equal(1, Shape("© 2024 Example. All rights reserved.")[DenseBlockFeatures.Copyright]);
        Assert.Equal(1, Shape("Home | News | About")[DenseBlockFeatures.PipeCount] > 0 ? 1 : 0);
    }

    [Fact]
    public void Document_features_mark_duplicates_position_and_windows()
    {
        var blocks = new List<TextBlock>
        {
            TestData.Block("A long essay paragraph that goes on and on about something important to the author."),
            TestData.Block("Hot: prices soar"),
            TestData.Block("Another essay paragraph that is also fairly long and ends with a full stop."),
            TestData.Block("Hot: prices soar"),
        };
        var featurizer = new BlockFeaturizer(new FeaturizerOptions { HashBits = 12 });
        using var features = new DocumentFeatures();
        featurizer.Featurize(new TextDocument("d", blocks), features);
        Assert.Equal(0, features.DenseRow(0)[DenseBlockFeatures.IsDuplicate]);
        Assert.Equal(1, features.DenseRow(1)[DenseBlockFeatures.IsDuplicate]);
        Assert.Equal(1, features.DenseRow(3)[DenseBlockFeatures.IsDuplicate]);
        Assert.Equal(1, features.DenseRow(3)[DenseBlockFeatures.IsLast]);
        Assert.Equal(0, features.DenseRow(3)[DenseBlockFeatures.DistanceToEnd]);
        Assert.Equal(1f / 3, features.DenseRow(1)[DenseBlockFeatures.RelativePosition], 5);
        // window ±1 of block 1 = mean of blocks 0 and 2
        int ends = DenseBlockFeatures.EndsWithSentenceEnd;
        Assert.Equal(1, features.DenseRow(1)[DenseBlockFeatures.Window1First + ends]);
        Assert.Equal(0, features.DenseRow(2)[DenseBlockFeatures.Window1First + ends]);
        // wide window (±5) of block 3 = mean of blocks 0, 1, 2
        Assert.Equal(2f / 3, features.DenseRow(3)[DenseBlockFeatures.Window3First + ends], 5);
    }

    [Fact]
    public void Hashed_text_part_is_l2_normalised_and_indices_are_in_range()
    {
        var featurizer = new BlockFeaturizer(new FeaturizerOptions { HashBits = 10 });
        using var features = new DocumentFeatures();
        var doc = new TextDocument("d", [new TextBlock("我们的使命是确保通用人工智能造福全人类。", BlockKind.Paragraph, BlockLanguage.Chinese, ["我们", "的", "使命", "是", "确保", "通用", "人工智能", "造福", "全人类", "。"])]);
        featurizer.Featurize(doc, features);
        double sumSq = 0;
        var idx = features.RowIndices(0);
        var val = features.RowValues(0);
        for (int i = 0; i < idx.Length; i++)
        {
            Assert.InRange(idx[i], 0, featurizer.Dimension - 1);
            if (idx[i] < featurizer.DenseOffset) sumSq += val[i] * val[i];
        }
        Assert.Equal(1.0, sumSq, 4);
    }

    [Fact]
    public void Edge_tokens_name_how_a_block_opens_and_closes_and_only_there()
    {
        var doc = new TextDocument("d",
        [
            new TextBlock("Photo: Ann Lee", BlockKind.Paragraph, BlockLanguage.English, ["Photo", ":", "Ann", "Lee"]),
            new TextBlock("A photo of the harbour", BlockKind.Paragraph, BlockLanguage.English, ["A", "photo", "of", "the", "harbour"]),
            new TextBlock("Text by Lee", BlockKind.Paragraph, BlockLanguage.English, ["Text", "by", "Lee"]),
        ]);
        using var features = new DocumentFeatures();
        var names = new Dictionary<int, string>();
        var featurizer = new BlockFeaturizer(new FeaturizerOptions { EdgeTokens = 2 });
        featurizer.Featurize(doc, features, names);
        string[] Named(int b) => features.RowIndices(b).ToArray().Where(names.ContainsKey).Select(i => names[i]).ToArray();

        var caption = Named(0);
        Assert.Contains("start0:photo", caption);
        Assert.Contains("start1::", caption);
        Assert.Contains("start:photo :", caption);
        Assert.Contains("end0:lee", caption);
        Assert.Contains("end1:ann", caption);
        var sentence = Named(1);
        Assert.Contains("w:photo", sentence);
        Assert.DoesNotContain("start0:photo", sentence);
        Assert.Contains("start0:a", sentence);
        Assert.Contains("end0:harbour", sentence);
        // the tag is the place, the word is the token there: two blocks ending in "Lee" share that feature
        int endLee = features.RowIndices(0).ToArray().Single(i => names.GetValueOrDefault(i) == "end0:lee");
        Assert.Contains(endLee, features.RowIndices(2).ToArray());
        Assert.DoesNotContain(endLee, features.RowIndices(1).ToArray());

        names.Clear();
        new BlockFeaturizer(new FeaturizerOptions()).Featurize(doc, features, names);
        Assert.DoesNotContain(names.Values, n => n.StartsWith("start") || n.StartsWith("end"));
    }

    [Fact]
    public void Features_are_identical_across_featurizer_instances()
    {
        var doc = TestData.Corpus(1)[0].Document;
        using var a = new DocumentFeatures();
        using var b = new DocumentFeatures();
        new BlockFeaturizer(new FeaturizerOptions()).Featurize(doc, a);
        new BlockFeaturizer(new FeaturizerOptions()).Featurize(doc, b);
        Assert.Equal(a.Indices.AsSpan(0, a.Length).ToArray(), b.Indices.AsSpan(0, b.Length).ToArray());
        Assert.Equal(a.Values.AsSpan(0, a.Length).ToArray(), b.Values.AsSpan(0, b.Length).ToArray());
    }

    [Fact]
    public void Main_text_run_features_locate_blocks_relative_to_long_prose()
    {
        const string prose = "This is a long paragraph of the essay, written in full sentences. It goes on for a while, as prose does.";
        var blocks = new List<TextBlock>
        {
            TestData.Block("Home | News | Markets"),
            TestData.Block(prose),
            TestData.Block("Related reading", BlockKind.Heading),
            TestData.Block("- First headline", BlockKind.ListItem),
            TestData.Block("- Other headline", BlockKind.ListItem),
            TestData.Block("- Third headline", BlockKind.ListItem),
            TestData.Block(prose + " Again."),
            TestData.Block("© 2024 Example"),
        };
        var featurizer = new BlockFeaturizer(new FeaturizerOptions { HashBits = 12 });
        using var f = new DocumentFeatures();
        featurizer.Featurize(new TextDocument("d", blocks), f);
        Assert.Equal(1, f.DenseRow(1)[DenseBlockFeatures.IsProse]);
        Assert.Equal(0, f.DenseRow(3)[DenseBlockFeatures.IsProse]);
        Assert.Equal(1, f.DenseRow(0)[DenseBlockFeatures.NoProseBefore]);
        Assert.Equal(0, f.DenseRow(0)[DenseBlockFeatures.NoProseAfter]);
        Assert.Equal(1, f.DenseRow(7)[DenseBlockFeatures.NoProseAfter]);
        Assert.Equal(0, f.DenseRow(4)[DenseBlockFeatures.NoProseBefore]);
        // blocks 2..5 form one run of four non-prose blocks, headed by a short heading
        Assert.Equal(f.DenseRow(2)[DenseBlockFeatures.GapRunLength], f.DenseRow(5)[DenseBlockFeatures.GapRunLength]);
        Assert.Equal(0, f.DenseRow(2)[DenseBlockFeatures.GapRunPosition]);
        Assert.Equal(1, f.DenseRow(5)[DenseBlockFeatures.GapRunPosition]);
        Assert.Equal(1, f.DenseRow(2)[DenseBlockFeatures.GapRunHeadOfRun]);
        Assert.Equal(0.75f, f.DenseRow(2)[DenseBlockFeatures.GapRunListShare], 5);
        // the three "- … headline" items repeat one outline
        Assert.Equal(1, f.DenseRow(4)[DenseBlockFeatures.SamePatternPrev]);
        Assert.Equal(1, f.DenseRow(4)[DenseBlockFeatures.SamePatternNext]);
        Assert.Equal(0, f.DenseRow(2)[DenseBlockFeatures.SamePatternPrev]);
    }
}

public class DocumentLevelFeatureTests
{
    private static TextBlock En(string text, BlockKind kind = BlockKind.Paragraph, string? container = null) =>
        new(text, kind, BlockLanguage.English, text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => t.Trim('.', ',', '!', '?')).ToArray(),
            container is null ? null : 0.0, container);

    private static float[] Dense(TextDocument doc, int block)
    {
        using var features = new DocumentFeatures();
        new BlockFeaturizer(new FeaturizerOptions { HashBits = 12 }).Featurize(doc, features);
        return features.DenseRow(block).ToArray();
    }

    [Fact]
    public void Short_lines_that_reuse_the_essays_words_overlap_with_its_prose_and_a_pitch_does_not()
    {
        var doc = new TextDocument("en/1.md",
        [
            En("Harbour cranes lift containers from ships all night, and the cranes never seem to rest at all."),
            En("Watching the cranes from the ferry taught me how a harbour breathes: slowly, then all at once."),
            En("Cranes, containers, harbour."),
            En("Subscribe to our weekly newsletter for exclusive offers."),
        ]);
        Assert.Equal(1f, Dense(doc, 2)[DenseBlockFeatures.ProseOverlap]);
        Assert.Equal(0f, Dense(doc, 3)[DenseBlockFeatures.ProseOverlap]);
        // A prose block is compared with the other prose blocks, not with itself.
        var alone = new TextDocument("en/2.md", [En("Harbour cranes lift containers from ships all night, and the cranes never seem to rest at all.")]);
        Assert.Equal(0f, Dense(alone, 0)[DenseBlockFeatures.ProseOverlap]);
    }

    [Fact]
    public void A_contents_entry_echoes_the_heading_it_announces_and_the_heading_echoes_it_back()
    {
        var doc = new TextDocument("en/4.html",
        [
            En("Contents"),
            En("1 Making a starter", BlockKind.ListItem),
            En("2.1 Troubleshooting:", BlockKind.ListItem),
            En("Making a starter", BlockKind.Heading),
            En("Flour and water, left somewhere warm, become a starter within a week or so."),
            En("Troubleshooting", BlockKind.Heading),
            En("2"),
        ]);
        Assert.Equal(1f, Dense(doc, 1)[DenseBlockFeatures.EchoedLater]);
        Assert.Equal(0f, Dense(doc, 1)[DenseBlockFeatures.EchoesEarlier]);
        Assert.Equal(1f, Dense(doc, 2)[DenseBlockFeatures.EchoedLater]);   // numbering and colon ignored
        Assert.Equal(1f, Dense(doc, 3)[DenseBlockFeatures.EchoesEarlier]);
        Assert.Equal(0f, Dense(doc, 3)[DenseBlockFeatures.EchoedLater]);
        Assert.Equal(1f, Dense(doc, 5)[DenseBlockFeatures.EchoesEarlier]);
        Assert.Equal(0f, Dense(doc, 0)[DenseBlockFeatures.EchoedLater] + Dense(doc, 0)[DenseBlockFeatures.EchoesEarlier]);
        Assert.Equal(0f, Dense(doc, 4)[DenseBlockFeatures.EchoedLater] + Dense(doc, 4)[DenseBlockFeatures.EchoesEarlier]);
        // A bare number has no words to echo: "2" does not match the "2" left of "2.1 Troubleshooting".
        Assert.Equal(0f, Dense(doc, 6)[DenseBlockFeatures.EchoesEarlier]);
    }

    [Fact]
    public void A_run_of_blocks_that_echo_the_page_knows_its_echo_share()
    {
        const string Prose = "Harbour cranes lift containers from ships all night, and the cranes never seem to rest at all.";
        var doc = new TextDocument("en/7.md",
        [
            En("Contents"),
            En("1 Harbour cranes", BlockKind.ListItem),
            En("2 Night shifts", BlockKind.ListItem),
            En(Prose),
            En("Harbour cranes", BlockKind.Heading),
            En(Prose + " Again."),
            En("Night shifts", BlockKind.Heading),
            En(Prose + " Once more."),
        ]);
        // the contents run: two of its three blocks name a later heading
        for (int b = 0; b < 3; b++) Assert.Equal(2f / 3, Dense(doc, b)[DenseBlockFeatures.GapRunEchoes], 5);
        Assert.Equal(1f, Dense(doc, 4)[DenseBlockFeatures.GapRunEchoes]);   // a heading alone between paragraphs
        Assert.Equal(0f, Dense(doc, 3)[DenseBlockFeatures.GapRunEchoes]);   // prose is no run
    }

    [Fact]
    public void Blocks_in_the_same_html_container_share_a_group_named_by_its_first_block()
    {
        var doc = new TextDocument("en/5.html",
        [
            En("The question, asked at length.", container: "article post first"),
            En("First reply.", container: "reply post"),
            En("Second reply.", container: "reply post"),
            En("A block outside any container."),
            En("Third reply.", container: "reply post"),
        ]);
        using var features = new DocumentFeatures();
        new BlockFeaturizer(new FeaturizerOptions { HashBits = 12 }).Featurize(doc, features);
        Assert.Equal([0, 1, 1, -1, 1], features.Group.AsSpan(0, 5).ToArray());
        // Markdown and text have no containers: no groups.
        new BlockFeaturizer(new FeaturizerOptions { HashBits = 12 }).Featurize(new TextDocument("en/6.md", [En("One."), En("Two.")]), features);
        Assert.Equal([-1, -1], features.Group.AsSpan(0, 2).ToArray());
    }

    [Fact]
    public void Html_container_words_set_the_chrome_and_article_flags()
    {
        var doc = new TextDocument("en/3.html",
        [
            En("Home", BlockKind.ListItem, "nav navigation site header"),
            En("The essay begins here.", container: "article post body main"),
            En("Share this", container: "share bar social"),
        ]);
        var nav = Dense(doc, 0);
        Assert.Equal(1f, nav[DenseBlockFeatures.InNav]);
        Assert.Equal(1f, nav[DenseBlockFeatures.HasContainer]);
        Assert.Equal(0f, nav[DenseBlockFeatures.InArticle]);
        var body = Dense(doc, 1);
        Assert.Equal(1f, body[DenseBlockFeatures.InArticle]);
        Assert.True(body[DenseBlockFeatures.ContentWords] > 0);
        Assert.True(Dense(doc, 2)[DenseBlockFeatures.ChromeWords] > body[DenseBlockFeatures.ChromeWords]);
        Assert.Equal(0f, Dense(new TextDocument("en/4.md", [En("No markup here.")]), 0)[DenseBlockFeatures.HasContainer]);
    }

    [Fact]
    public void Cue_words_mark_a_block_that_talks_about_the_page()
    {
        var doc = new TextDocument("en/5.md", [En("Subscribe to our newsletter and follow us"), En("The tide came in slowly.")]);
        Assert.Equal(1f, Dense(doc, 0)[DenseBlockFeatures.HasCue]);
        Assert.Equal(0f, Dense(doc, 1)[DenseBlockFeatures.HasCue]);
    }
}
