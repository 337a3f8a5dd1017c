namespace ContentPipeline.Jieba;

/// <summary>How <see cref="JiebaSegmenter.Tokenize(string, TokenizerMode, bool)"/> segments, as jieba's <c>mode</c>.</summary>
public enum TokenizerMode
{
    /// <summary>Accurate mode: the tokens of <c>Cut</c>, which cover the input exactly once.</summary>
    Default,
    /// <summary>Search mode: before each word longer than 2 (3) characters, its dictionary 2-grams (3-grams).</summary>
    Search,
}

/// <summary>
/// A word and where it is in the input, like jieba's <c>(word, start, end)</c> tuples, except that
/// <see cref="StartIndex"/> and <see cref="EndIndex"/> (exclusive) count UTF-16 code units of the .NET string,
/// so <c>text[StartIndex..EndIndex] == Word</c>. Python counts code points: the two differ only after a character
/// outside the BMP (emoji, CJK Extension B), which is one code point but two UTF-16 units.
/// </summary>
public sealed record Token(string Word, int StartIndex, int EndIndex)
{
    public int Length => EndIndex - StartIndex;

    public override string ToString() => $"[{Word}, ({StartIndex}, {EndIndex})]";
}

/// <summary>A token as a range of UTF-16 code units of the input: allocation-free output of the span APIs.</summary>
public readonly record struct TokenRange(int Start, int Length)
{
    public int End => Start + Length;
}
