using System.Buffers;
using System.Net;
using System.Text;
using ContentPipeline.Config;

namespace ContentPipeline.Normalise;

/// <summary>
/// Character-level clean-up of one block's text: entities, Unicode form, full-width ASCII letters and digits,
/// zero-width characters and whitespace. Chinese punctuation (，。：“”) is deliberately left as it is.
/// </summary>
public sealed class TextNormaliser(NormaliseSettings settings)
{
    private readonly NormalizationForm? _form = settings.UnicodeForm switch
    {
        "NFC" => NormalizationForm.FormC,
        "NFKC" => NormalizationForm.FormKC,
        "NFD" => NormalizationForm.FormD,
        "NFKD" => NormalizationForm.FormKD,
        _ => null,
    };

    /// <param name="text">The block's text.</param>
    /// <param name="decodeEntities">False for text that came out of an HTML parser (already decoded once).</param>
    /// <param name="preserveWhitespace">True for code blocks: line breaks and indentation carry meaning.</param>
    public string Normalise(string text, bool decodeEntities, bool preserveWhitespace = false)
    {
        if (decodeEntities && settings.DecodeEntities && text.Contains('&'))
            text = WebUtility.HtmlDecode(text);
        if (_form is { } form && !text.IsNormalized(form))
            text = text.Normalize(form);
        return CleanCharacters(text, preserveWhitespace);
    }

    private string CleanCharacters(string text, bool preserveWhitespace)
    {
        var collapse = settings.CollapseWhitespace && !preserveWhitespace;
        char[]? rented = null;
        var buffer = text.Length <= 512 ? stackalloc char[text.Length] : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        try
        {
            var n = 0;
            var pendingSpace = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (settings.RemoveZeroWidth && IsZeroWidth(text, i)) continue;
                if (collapse && (char.IsWhiteSpace(c) || c == '\u3000'))
                {
                    pendingSpace = n > 0; // leading whitespace is dropped, inner runs become one space
                    continue;
                }
                if (pendingSpace)
                {
                    buffer[n++] = ' ';
                    pendingSpace = false;
                }
                if (settings.FullwidthToHalfwidth && IsFullwidthAlphanumeric(c)) c = (char)(c - 0xFEE0);
                buffer[n++] = c;
            }
            var result = buffer[..n];
            if (!collapse) result = result.TrimEnd();
            return result.SequenceEqual(text.AsSpan()) ? text : new string(result);
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>Ａ-Ｚ, ａ-ｚ, ０-９ only: full-width punctuation is part of Chinese typography and stays.</summary>
    private static bool IsFullwidthAlphanumeric(char c) =>
        c is (>= '\uFF10' and <= '\uFF19') or (>= '\uFF21' and <= '\uFF3A') or (>= '\uFF41' and <= '\uFF5A');

    private static bool IsZeroWidth(string s, int i) => s[i] switch
    {
        '\u200B' or '\u200C' or '\u2060' or '\uFEFF' or '\u00AD' or '\u180E' => true,
        // A zero-width joiner inside an emoji sequence (👩‍💻) is part of the character; elsewhere it is noise.
        '\u200D' => !(i > 0 && char.IsLowSurrogate(s[i - 1]) || i + 1 < s.Length && char.IsHighSurrogate(s[i + 1])),
        _ => false,
    };
}
