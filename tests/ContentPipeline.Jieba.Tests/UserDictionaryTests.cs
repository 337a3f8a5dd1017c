using System.Text;
using ContentPipeline.Jieba;

namespace ContentPipeline.Jieba.Tests;

/// <summary>add_word, del_word, suggest_freq and load_userdict; expectations from Python jieba 0.42.1.</summary>
public class UserDictionaryTests
{
    [Fact]
    public void DefaultDictionaryTotalsAndFrequencies()
    {
        var seg = new JiebaSegmenter();
        Assert.Equal(60101967, seg.Total);
        Assert.Equal(3, seg.GetFrequency("台中"));
        Assert.Equal(0, seg.GetFrequency("清华大")); // a prefix of 清华大学
        Assert.Null(seg.GetFrequency("清华大学大"));
    }

    [Fact]
    public void SuggestFreqJoinsAndSplitsAsJiebaDoes()
    {
        var seg = new JiebaSegmenter();
        Assert.Equal(494, seg.SuggestFreq(new[] { "中", "将" }));
        Assert.Equal(69, seg.SuggestFreq("台中"));
        Assert.Equal(60101967, seg.Total); // without tune nothing changes

        Assert.Equal(new[] { "如果", "放到", "post", "中将", "出错", "。" }, seg.Cut("如果放到post中将出错。", hmm: false));
        seg.SuggestFreq(new[] { "中", "将" }, tune: true);
        Assert.Equal(new[] { "如果", "放到", "post", "中", "将", "出错", "。" }, seg.Cut("如果放到post中将出错。", hmm: false));

        Assert.Equal(69, seg.SuggestFreq("台中", tune: true));
        Assert.Equal(new[] { "「", "台中", "」", "正确", "应该", "不会", "被", "切开" }, seg.Cut("「台中」正确应该不会被切开", hmm: false));
    }

    [Fact]
    public void AddWordWithoutFrequencyUsesTheSuggestedOne()
    {
        var seg = new JiebaSegmenter();
        seg.AddWord("石墨烯");
        seg.AddWord("凱特琳");
        Assert.Equal(1, seg.GetFrequency("石墨烯"));
        Assert.Equal(60101969, seg.Total);
        seg.AddWord("创新办", 3, "i");
        Assert.Equal("i", seg.UserWordTags["创新办"]);
        Assert.Equal(new[] { "李小福", "是", "创新办", "主任" }, seg.Cut("李小福是创新办主任"));
    }

    [Fact]
    public void DeleteWordAlsoForcesTheHmmToSplitIt()
    {
        var seg = new JiebaSegmenter();
        seg.DeleteWord("北京");
        Assert.Equal(0, seg.GetFrequency("北京"));
        Assert.Equal(new[] { "我", "来到", "北", "京", "清华大学" }, seg.Cut("我来到北京清华大学"));
        Assert.Equal(new[] { "北京北京" }, seg.Cut("北京北京"));
        // Other instances and the shared default dictionary are untouched.
        Assert.Equal(new[] { "我", "来到", "北京", "清华大学" }, new JiebaSegmenter().Cut("我来到北京清华大学"));
    }

    [Fact]
    public void LoadUserDictReadsJiebasFormat()
    {
        var path = Path.Combine(Path.GetTempPath(), $"jieba-user-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllText(path, "\uFEFF云计算 5\n李小福 2 nr\r\n创新办 3 i\n\n  easy_install 3 eng  \n韩玉赏鉴 3 nz\nEdu Trust认证 2000\n南京市长 0\n", new UTF8Encoding(false));
            var seg = new JiebaSegmenter();
            seg.LoadUserDict(path);
            Assert.Equal(5, seg.GetFrequency("云计算"));
            Assert.Equal("nr", seg.UserWordTags["李小福"]);
            Assert.Equal(2000, seg.GetFrequency("Edu Trust认证"));
            Assert.Equal(0, seg.GetFrequency("南京市长"));
            Assert.Equal(60101967L + 5 + 2 + 3 + 3 + 3 + 2000, seg.Total);
            Assert.Equal(new[] { "李小福", "是", "创新办", "主任", "也", "是", "云计算", "方面", "的", "专家" },
                seg.Cut("李小福是创新办主任也是云计算方面的专家"));
            Assert.Equal(new[] { "easy_install", " ", "is", " ", "great" }, seg.Cut("easy_install is great"));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void LoadUserDictErrorsNameFileAndLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"jieba-bad-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllBytes(path, [.. "好词 3\n"u8, 0xFF, 0xFE, (byte)'\n']);
            var e = Assert.Throws<InvalidDataException>(() => new JiebaSegmenter().LoadUserDict(path));
            Assert.Contains(path, e.Message);
            Assert.Contains("line 2", e.Message);

            File.WriteAllText(path, "好词 99999999999\n");
            e = Assert.Throws<InvalidDataException>(() => new JiebaSegmenter().LoadUserDict(path));
            Assert.Contains("line 1", e.Message);
        }
        finally { File.Delete(path); }
        Assert.Throws<FileNotFoundException>(() => new JiebaSegmenter().LoadUserDict(path));
    }

    [Fact]
    public void UserDictionaryLineGrammarIsJiebas()
    {
        var entries = JiebaSegmenter.ParseUserDict(new MemoryStream(Encoding.UTF8.GetBytes("a b c\nword 12\nword x\nword  5\n")), "t");
        Assert.Equal(("a b", (int?)null, "c"), entries[0]);
        Assert.Equal(("word", (int?)12, (string?)null), entries[1]);
        Assert.Equal(("word", (int?)null, "x"), entries[2]);
        Assert.Equal(("word ", (int?)5, (string?)null), entries[3]);
    }
}
