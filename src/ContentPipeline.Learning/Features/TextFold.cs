using System.Runtime.CompilerServices;

namespace ContentPipeline.Learning.Features;

/// <summary>
/// The folding applied before text is hashed into features: ASCII and full-width letters to lower-case ASCII, every
/// digit to '0' (a number's shape matters, not its value), and tabs, line breaks and wide spaces to ' '.
/// </summary>
public static class TextFold
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char Char(char c)
    {
        if (c < 128)
        {
            if ((uint)(c - 'A') <= 'Z' - 'A') return (char)(c | 0x20);
            if ((uint)(c - '0') <= 9) return '0';
            if (c is '\t' or '\r' or '\n') return ' ';
            return c;
        }
        if (c >= '\uFF10' && c <= '\uFF19') return '0';
        if (c >= '\uFF21' && c <= '\uFF3A') return (char)(c - 0xFF21 + 'a');
        if (c >= '\uFF41' && c <= '\uFF5A') return (char)(c - 0xFF41 + 'a');
        if (c == '\u3000' || c == '\u00A0') return ' ';
        return c;
    }

    /// <summary>The stable hash of a token's folded characters: the key of its word features.</summary>
    public static uint Hash(ReadOnlySpan<char> token)
    {
        uint h = StableHash.OffsetBasis;
        foreach (char c in token) h = StableHash.AddChar(h, Char(c));
        return h;
    }
}
