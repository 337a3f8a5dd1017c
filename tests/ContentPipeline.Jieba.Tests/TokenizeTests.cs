using ContentPipeline.Jieba;

namespace ContentPipeline.Jieba.Tests;

public class TokenizeTests
{
    private static readonly JiebaSegmenter Seg = KnownExamplesTests.Shared;

    [Fact]
    public void DefaultModeOffsetsMatchJieba()
    {
        var tokens = Seg.Tokenize("永和服装饰品有限公司").ToList();
        Assert.Equal(new[] { new Token("永和", 0, 2), new Token("服装", 2, 4), new Token("饰品", 4, 6), new Token("有限公司", 6, 10) }, tokens);
        Assert.Equal("[永和, (0, 2)]", tokens[0].ToString());
    }

    [Fact]
    public void SearchModeEmitsGramsBeforeTheWord()
    {
        var tokens = Seg.Tokenize("永和服装饰品有限公司", TokenizerMode.Search).ToList();
        Assert.Equal(new[]
        {
            new Token("永和", 0, 2), new Token("服装", 2, 4), new Token("饰品", 4, 6), new Token("有限", 6, 8),
            new Token("公司", 8, 10), new Token("有限公司", 6, 10),
        }, tokens);
    }

    [Fact]
    public void OffsetsAreUtf16UnitsAcrossNonBmpCharacters()
    {
        const string text = "我爱😀北京𠀀天安门";
        var tokens = Seg.Tokenize(text).ToList();
        // Python reports code points: (😀, 2, 3), (北京, 3, 5), (𠀀, 5, 6), (天安门, 6, 9).
        Assert.Equal(new[]
        {
            new Token("我", 0, 1), new Token("爱", 1, 2), new Token("😀", 2, 4), new Token("北京", 4, 6),
            new Token("𠀀", 6, 8), new Token("天安门", 8, 11),
        }, tokens);
        foreach (var t in tokens) Assert.Equal(t.Word, text[t.StartIndex..t.EndIndex]);
        var search = Seg.Tokenize(text, TokenizerMode.Search).ToList();
        Assert.Contains(new Token("天安", 8, 10), search);
    }

    [Fact]
    public void AccurateTokensCoverTheInputExactlyOnce()
    {
        const string text = "小明硕士毕业于中国科学院计算所，后在日本京都大学深造 iPhone15 3.14%\r\n😀";
        foreach (bool hmm in new[] { true, false })
        {
            int expected = 0;
            foreach (var t in Seg.Tokenize(text, hmm: hmm))
            {
                Assert.Equal(expected, t.StartIndex);
                expected = t.EndIndex;
            }
            Assert.Equal(text.Length, expected);
        }
    }

    [Fact]
    public void SpanApisAgreeWithTheStringApis()
    {
        const string text = "他来到了网易杭研大厦，我来到北京清华大学 C++ 😀";
        var ranges = new List<TokenRange>();
        Seg.Tokenize(text.AsSpan(), ranges);
        Assert.Equal(Seg.Cut(text), ranges.Select(r => text.Substring(r.Start, r.Length)));

        ranges.Clear();
        Seg.Tokenize(text.AsSpan(), ranges, TokenizerMode.Search, hmm: false);
        Assert.Equal(Seg.Tokenize(text, TokenizerMode.Search, hmm: false).Select(t => (t.StartIndex, t.EndIndex)),
            ranges.Select(r => (r.Start, r.End)));

        var list = new List<string> { "kept" };
        Seg.Cut(text.AsSpan(), list, cutAll: true);
        Assert.Equal(new[] { "kept" }.Concat(Seg.Cut(text, cutAll: true)), list);

        var streamed = new List<string>();
        Seg.Cut(text.AsSpan(), streamed, static (l, t) => l.Add(t.ToString()), search: true);
        Assert.Equal(Seg.CutForSearch(text), streamed);
    }

    [Fact]
    public void TokenCallbacksMayCutAgain()
    {
        const string text = "我来到北京清华大学";
        var seen = new List<string>();
        Seg.Cut(text.AsSpan(), seen, (l, t) => l.Add(t.ToString() + ":" + string.Join("|", Seg.Cut(t.ToString(), cutAll: true))));
        Assert.Equal(new[] { "我:我", "来到:来到", "北京:北京", "清华大学:清华|清华大学|华大|大学" }, seen);
    }
}
