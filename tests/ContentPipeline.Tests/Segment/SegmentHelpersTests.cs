using ContentPipeline.Segment;

namespace ContentPipeline.Tests.Segment;

public class SentenceSplitterTests
{
    [Theory]
    [InlineData("我们已经越过了事件视界；起飞已经开始。人类正接近于构建数字超级智能。", new[] { "我们已经越过了事件视界；起飞已经开始。", "人类正接近于构建数字超级智能。" })]
    [InlineData("未来有何趋势?我们的使命是确保AGI造福全人类。", new[] { "未来有何趋势?", "我们的使命是确保AGI造福全人类。" })]
    [InlineData("他说：“好！”然后走了。", new[] { "他说：“好！”", "然后走了。" })]
    [InlineData("In three words: deep learning worked. It got better with scale!", new[] { "In three words: deep learning worked.", "It got better with scale!" })]
    [InlineData("Mr. Smith met Dr. Jones in the U.S. Army. They talked.", new[] { "Mr. Smith met Dr. Jones in the U.S. Army.", "They talked." })]
    [InlineData("It cost 3.5 dollars. J. R. R. Tolkien wrote it.", new[] { "It cost 3.5 dollars.", "J. R. R. Tolkien wrote it." })]
    [InlineData("1.AI模型的智能水平大致取决于资源的对数。", new[] { "1.AI模型的智能水平大致取决于资源的对数。" })]
    [InlineData("No end mark", new[] { "No end mark" })]
    public void Splits_sentences(string text, string[] expected) => Assert.Equal(expected, SentenceSplitter.Split(text));
}

public class LanguageDetectorTests
{
    [Theory]
    [InlineData("我们已经越过了事件视界", "zh")]
    [InlineData("让我们拥有像 GPT-4 和 o3 这样的系统的科学见解来之不易", "zh")]
    [InlineData("The Intelligence Age is here.", "en")]
    [InlineData("Airwallex CEO:传统银行业务需可扩展基础设施", "mixed")]
    [InlineData("12:30 +2.5% $100", "other")]
    [InlineData("Привет, как дела", "other")]
    public void Detects_language(string text, string expected) => Assert.Equal(expected, LanguageDetector.Detect(text));
}

public class WordTokenizerTests
{
    [Fact]
    public void Words_numbers_and_symbols()
    {
        var tokens = new List<string>();
        WordTokenizer.Tokenize("Don't stop: state-of-the-art costs $1,810.5 today 🚀!", tokens);
        Assert.Equal(["Don't", "stop", ":", "state-of-the-art", "costs", "$", "1,810.5", "today", "🚀", "!"], tokens);
    }
}
