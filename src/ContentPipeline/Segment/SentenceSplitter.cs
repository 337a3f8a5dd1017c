namespace ContentPipeline.Segment;

/// <summary>
/// Splits a block into sentences. Chinese: after 。！？ (and ! ? ; …), with closing quotes and brackets kept on the
/// sentence. English: after . ! ? followed by a space and a capital, digit or quote — not after common
/// abbreviations (Mr., e.g., U.S.) or single initials.
/// </summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "inc", "ltd",
        "co", "corp", "no", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    };

    public static List<string> Split(string text)
    {
        var sentences = new List<string>();
        var span = text.AsSpan();
        var start = 0;
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            int end;
            if (c is '。' or '！' or '？' or '…')
            {
                end = SkipClosers(span, i + 1);
                if (c == '…' && end < span.Length && !IsCjkContext(span, end)) continue;
            }
            else if (c is '!' or '?' or '.')
            {
                end = SkipClosers(span, i + 1);
                if (end >= span.Length) break; // the tail is added below
                if (!EndsLatinSentence(span, i, end)) continue;
            }
            else continue;

            AddTrimmed(sentences, span[start..end]);
            start = end;
            i = end - 1;
        }
        if (start < span.Length) AddTrimmed(sentences, span[start..]);
        return sentences;
    }

    /// <summary>
    /// Whether the mark at <paramref name="mark"/> ends a sentence, given what follows the closing quotes at
    /// <paramref name="end"/>: "趋势?我们" (a half-width mark inside Chinese) or ". The" — not "1.AI", "Mr. Smith", "3.5".
    /// </summary>
    private static bool EndsLatinSentence(ReadOnlySpan<char> span, int mark, int end)
    {
        var next = span[end];
        if (LanguageDetector.IsHan(next)) return span[mark] != '.';
        if (next != ' ') return false;
        var after = end + 1 < span.Length ? span[end + 1] : ' ';
        if (!(char.IsUpper(after) || char.IsDigit(after) || after is '"' or '“' or '‘' or '(' || LanguageDetector.IsHan(after))) return false;
        return span[mark] != '.' || !IsAbbreviation(span, mark);
    }

    private static int SkipClosers(ReadOnlySpan<char> s, int i)
    {
        while (i < s.Length && s[i] is '”' or '’' or '"' or '\'' or ')' or '）' or '」' or '』' or '》' or ']' or '。' or '！' or '？' or '!' or '?' or '…') i++;
        return i;
    }

    private static bool IsCjkContext(ReadOnlySpan<char> s, int i) => i < s.Length && LanguageDetector.IsHan(s[i]);

    /// <summary>The word before the period is a known abbreviation or a single letter (J. R. R. Tolkien).</summary>
    private static bool IsAbbreviation(ReadOnlySpan<char> s, int dot)
    {
        var j = dot;
        while (j > 0 && (char.IsLetter(s[j - 1]) || s[j - 1] == '.')) j--;
        var word = s[j..dot];
        if (word.Length == 1 && char.IsUpper(word[0])) return true;
        return word.Length > 0 && Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
    }

    private static void AddTrimmed(List<string> sentences, ReadOnlySpan<char> s)
    {
        s = s.Trim();
        if (!s.IsEmpty) sentences.Add(s.ToString());
    }
}
