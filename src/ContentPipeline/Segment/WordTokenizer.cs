namespace ContentPipeline.Segment;

/// <summary>
/// Latin-script tokens: words (letters and digits, keeping inner apostrophes and hyphens: don't, state-of-the-art),
/// numbers with inner separators (1,810.5), and each other visible symbol on its own — as jieba does for punctuation.
/// </summary>
public static class WordTokenizer
{
    public static void Tokenize(ReadOnlySpan<char> text, List<string> tokens)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (char.IsLetterOrDigit(c))
            {
                var start = i++;
                while (i < text.Length)
                {
                    var d = text[i];
                    if (char.IsLetterOrDigit(d)) i++;
                    else if (d is '\'' or '’' or '-' or '.' or ',' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1])
                             && (d is not ('.' or ',') || char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1])))
                        i += 2;
                    else break;
                }
                tokens.Add(text[start..i].ToString());
                continue;
            }
            var width = char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1;
            tokens.Add(text.Slice(i, width).ToString());
            i += width;
        }
    }
}
