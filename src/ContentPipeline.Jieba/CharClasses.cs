using System.Runtime.CompilerServices;

namespace ContentPipeline.Jieba;

/// <summary>
/// The character classes of jieba 0.42.1's regular expressions, as a lookup table over UTF-16 code units
/// (all of them are BMP-only classes, so a surrogate never belongs to any of them):
/// <list type="bullet">
/// <item><c>re_han_default</c> = <c>[\u4E00-\u9FD5a-zA-Z0-9+#&amp;\._%\-]</c>: characters of a block handed to the DAG.</item>
/// <item><c>finalseg.re_han</c> = <c>[\u4E00-\u9FD5]</c>: characters the HMM sees.</item>
/// <item><c>re_eng</c> = <c>[a-zA-Z0-9]</c>.</item>
/// <item><c>\s</c> of a Python 3 <c>str</c> pattern = <c>str.isspace()</c>: Unicode whitespace (bidi WS/B/S or Zs),
/// which includes U+001C..U+001F and U+0085 but not U+200B or U+FEFF (unlike .NET's <c>\s</c>).</item>
/// </list>
/// </summary>
internal static class CharClasses
{
    public const byte Han = 1;      // re_han_default
    public const byte HmmHan = 2;   // finalseg re_han
    public const byte Eng = 4;      // re_eng
    public const byte Space = 8;    // Python \s
    public const byte Digit = 16;   // [0-9] (Python \d restricted to what can reach finalseg)

    private static readonly byte[] Table = Build();

    private static byte[] Build()
    {
        var t = new byte[65536];
        for (int c = 0x4E00; c <= 0x9FD5; c++) t[c] = Han | HmmHan;
        for (int c = 'a'; c <= 'z'; c++) t[c] = Han | Eng;
        for (int c = 'A'; c <= 'Z'; c++) t[c] = Han | Eng;
        for (int c = '0'; c <= '9'; c++) t[c] = Han | Eng | Digit;
        foreach (char c in "+#&._%-") t[c] = Han;
        // Python 3.11: [c for c in range(0x110000) if re.match(r'\s', chr(c))]
        foreach (int c in new[] { 0x9, 0xA, 0xB, 0xC, 0xD, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680,
                     0x2028, 0x2029, 0x202F, 0x205F, 0x3000 })
            t[c] = Space;
        for (int c = 0x2000; c <= 0x200A; c++) t[c] = Space;
        return t;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Of(char c) => Unsafe.Add(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(Table), c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsHan(char c) => (Of(c) & Han) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsHmmHan(char c) => (Of(c) & HmmHan) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsEng(char c) => (Of(c) & Eng) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSpace(char c) => (Of(c) & Space) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsDigit(char c) => (Of(c) & Digit) != 0;

    /// <summary>Length in UTF-16 units of the code point at <paramref name="i"/> (2 for a valid surrogate pair).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CodePointLength(ReadOnlySpan<char> s, int i) =>
        char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;

    /// <summary>Number of Python code points in <paramref name="s"/> (a lone surrogate counts as one).</summary>
    public static int CodePointCount(ReadOnlySpan<char> s)
    {
        int n = 0;
        for (int i = 0; i < s.Length; i += CodePointLength(s, i)) n++;
        return n;
    }
}
