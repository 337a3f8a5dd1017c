namespace ContentPipeline.Segment;

public static class Languages
{
    public const string Chinese = "zh";
    public const string English = "en";
    public const string Mixed = "mixed";
    public const string Other = "other";
}

/// <summary>
/// Script-based language of a block: Han characters against Latin letters. A Latin letter weighs half a Han
/// character (a word is several letters but carries about as much as one or two characters), so
/// "我们使用 GPT-4 和 o3" stays Chinese while a sentence with a few Chinese words in English is mixed.
/// </summary>
public static class LanguageDetector
{
    public static string Detect(ReadOnlySpan<char> text)
    {
        int han = 0, latin = 0, otherLetters = 0;
        foreach (var c in text)
        {
            if (IsHan(c)) han++;
            else if (char.IsAsciiLetter(c) || c is >= '\u00C0' and <= '\u024F') latin++;
            else if (char.IsLetter(c) && !char.IsSurrogate(c)) otherLetters++;
        }
        var weighted = han + latin / 2.0;
        if (weighted < 1 || otherLetters > han + latin) return Languages.Other;
        var hanShare = han / weighted;
        if (hanShare >= 0.75) return Languages.Chinese;
        if (hanShare <= 0.15) return Languages.English;
        return Languages.Mixed;
    }

    /// <summary>CJK Unified Ideographs and Extension A (the BMP ranges).</summary>
    public static bool IsHan(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');
}
