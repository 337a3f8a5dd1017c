using ContentPipeline.Config;
using ContentPipeline.Normalise;

namespace ContentPipeline.Tests.Normalise;

public class TextNormaliserTests
{
    private static readonly TextNormaliser Default = new(new NormaliseSettings());

    [Theory]
    [InlineData("ＧＰＴ－４ｏ　发布于２０２４年", "GPT－4o 发布于2024年")] // letters/digits narrowed, full-width dash and space handled
    [InlineData("你好，世界！“引号”：（括号）", "你好，世界！“引号”：（括号）")] // Chinese punctuation stays
    [InlineData("zero\u200Bwidth\uFEFF and\u00ADsoft", "zerowidth andsoft")]
    [InlineData("  many   spaces\tand\nnewlines  ", "many spaces and newlines")]
    [InlineData("Caf\u0065\u0301", "Café")] // NFC composes
    [InlineData("AT&amp;T &lt;3 &#8217; &nbsp;x", "AT&T <3 ’ x")]
    public void Cleans_text(string input, string expected) =>
        Assert.Equal(expected, Default.Normalise(input, decodeEntities: true));

    [Fact]
    public void Emoji_joiners_survive_but_stray_joiners_go()
    {
        const string family = "👩\u200D💻";
        Assert.Equal($"a {family} b", Default.Normalise($"a {family} b", true));
        Assert.Equal("ab", Default.Normalise("a\u200Db", true));
    }

    [Fact]
    public void Html_text_is_not_decoded_twice()
    {
        // The HTML parser already turned &amp;lt; into &lt;, which is literal text now.
        Assert.Equal("&lt;tag&gt;", Default.Normalise("&lt;tag&gt;", decodeEntities: false));
    }

    [Fact]
    public void Code_keeps_line_breaks_and_indentation()
    {
        const string code = "def f():\n    return 1\n";
        Assert.Equal("def f():\n    return 1", Default.Normalise(code, true, preserveWhitespace: true));
    }

    [Fact]
    public void Settings_switch_steps_off()
    {
        var off = new TextNormaliser(new NormaliseSettings
        {
            UnicodeForm = "none", FullwidthToHalfwidth = false, RemoveZeroWidth = false, CollapseWhitespace = false, DecodeEntities = false,
        });
        const string input = "Ａ\u200B&amp;  x";
        Assert.Equal(input, off.Normalise(input, true));
    }

    [Fact]
    public void Nfkc_folds_compatibility_forms()
    {
        var nfkc = new TextNormaliser(new NormaliseSettings { UnicodeForm = "NFKC" });
        Assert.Equal("fi 1/4", nfkc.Normalise("ﬁ 1⁄4", true).Replace('⁄', '/'));
    }
}
