using ContentPipeline.Jieba;

namespace ContentPipeline.Jieba.Tests;

/// <summary>Sentences from jieba's README and test suite; expectations are Python jieba 0.42.1's output.</summary>
public class KnownExamplesTests
{
    internal static readonly JiebaSegmenter Shared = new();

    private static string Join(IEnumerable<string> tokens) => string.Join("|", tokens);

    [Theory]
    [InlineData("我来到北京清华大学", "我|来到|北京|清华大学", "我|来到|北京|清华大学", "我|来到|北京|清华|清华大学|华大|大学", "我|来到|北京|清华|华大|大学|清华大学")]
    [InlineData("他来到了网易杭研大厦", "他|来到|了|网易|杭研|大厦", "他|来到|了|网易|杭|研|大厦", "他|来到|了|网易|杭|研|大厦", "他|来到|了|网易|杭研|大厦")]
    [InlineData("小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
        "小明|硕士|毕业|于|中国科学院|计算所|，|后|在|日本京都大学|深造",
        "小|明|硕士|毕业|于|中国科学院|计算所|，|后|在|日本京都大学|深造",
        "小|明|硕士|毕业|于|中国|中国科学院|科学|科学院|学院|计算|计算所|，|后|在|日本|日本京都大学|京都|京都大学|大学|深造",
        "小明|硕士|毕业|于|中国|科学|学院|科学院|中国科学院|计算|计算所|，|后|在|日本|京都|大学|日本京都大学|深造")]
    [InlineData("永和服装饰品有限公司", "永和|服装|饰品|有限公司", "永和|服装|饰品|有限公司",
        "永和|和服|服装|装饰|装饰品|饰品|有限|有限公司|公司", "永和|服装|饰品|有限|公司|有限公司")]
    [InlineData("我爱😀北京𠀀天安门", "我|爱|😀|北京|𠀀|天安门", "我|爱|😀|北京|𠀀|天安门", "我|爱|😀|北京|𠀀|天安|天安门", "我|爱|😀|北京|𠀀|天安|天安门")]
    [InlineData("「台中」正确应该不会被切开", "「|台|中|」|正确|应该|不会|被|切开", "「|台|中|」|正确|应该|不会|被|切开",
        "「|台中|」|正确|确应|应该|不会|被|切开", "「|台|中|」|正确|应该|不会|被|切开")]
    [InlineData("", "", "", "", "")]
    public void AllModesMatchJieba(string text, string accurate, string noHmm, string full, string search)
    {
        Assert.Equal(accurate, Join(Shared.Cut(text)));
        Assert.Equal(noHmm, Join(Shared.Cut(text, hmm: false)));
        Assert.Equal(full, Join(Shared.Cut(text, cutAll: true)));
        Assert.Equal(search, Join(Shared.CutForSearch(text)));
    }

    [Fact]
    public void LatinNumbersAndSymbolsFollowJiebasRegexes()
    {
        const string text = "iPhone15 Pro 3.14% C++ a.b";
        Assert.Equal(new[] { "iPhone15", " ", "Pro", " ", "3.14%", " ", "C++", " ", "a", ".", "b" }, Shared.Cut(text));
        Assert.Equal(new[] { "iPhone15", " ", "Pro", " ", "3", ".", "14", "%", " ", "C++", " ", "a", ".", "b" }, Shared.Cut(text, hmm: false));
        // Full mode of 0.42.1 yields the empty pieces around every whitespace separator.
        Assert.Equal(new[] { "iPhone15", "", " ", "", "Pro", "", " ", "", "3", ".", "14", "%", "", " ", "", "C++", "", " ", "", "a", ".", "b" },
            Shared.Cut(text, cutAll: true));
    }

    [Fact]
    public void WhitespaceIsPythonsBackslashS()
    {
        Assert.Equal(new[] { " ", " ", "\t", "\r\n", "中文", "\u3000", " " }, Shared.Cut("  \t\r\n中文\u3000 "));
        Assert.Equal(new[] { "", " ", "", " ", "", "\t", "", "\r\n", "", "中文", "", "\u3000", "", " ", "" },
            Shared.Cut("  \t\r\n中文\u3000 ", cutAll: true));
        // U+001C and U+0085 are whitespace to Python's str, U+200B is not (unlike .NET's char.IsWhiteSpace).
        Assert.Equal(new[] { "中", "\u001c", "\u0085", "\u200b", "文" }, Shared.Cut("中\u001c\u0085\u200b文"));
        Assert.Equal(new[] { "中", "", "\u001c", "", "\u0085", "\u200b", "文" }, Shared.Cut("中\u001c\u0085\u200b文", cutAll: true));
    }

    [Fact]
    public void HmmFindsNamesNotInTheDictionary()
    {
        Assert.Equal(new[] { "吴国忠", "臣", "伍子胥" }, Shared.Cut("吴国忠臣伍子胥"));
        Assert.Equal(new[] { "李小福", "是", "创新", "办", "主任", "也", "是", "云", "计算", "方面", "的", "专家" },
            Shared.Cut("李小福是创新办主任也是云计算方面的专家"));
    }

    [Fact]
    public void NonBmpCharactersAreNeverSplit()
    {
        foreach (var mode in new[] { false, true })
            foreach (var token in Shared.Cut("𠀀𠀁😀👍🏽x 中𠀀文", cutAll: mode))
                if (token.Length > 0)
                {
                    Assert.False(char.IsLowSurrogate(token[0]), $"token starts inside a pair: {token}");
                    Assert.False(char.IsHighSurrogate(token[^1]), $"token ends inside a pair: {token}");
                }
        Assert.Equal(new[] { "𠀀𠀁😀👍🏽", "x" }, Shared.Cut("𠀀𠀁😀👍🏽x", cutAll: true));
        // A lone surrogate (impossible in Python's decoded text) is one character like any other.
        Assert.Equal(new[] { "𠀀", "𠀁", "😀", "👍", "🏽", "\uD800", "x" }, Shared.Cut("𠀀𠀁😀👍🏽\uD800x"));
    }

    [Fact]
    public void LCutReturnsLists()
    {
        Assert.Equal(new List<string> { "我", "来到", "北京", "清华大学" }, Shared.LCut("我来到北京清华大学"));
        Assert.Equal(7, Shared.LCutForSearch("我来到北京清华大学").Count);
    }
}
