using System.Text;
using System.Text.RegularExpressions;

namespace ContentPipeline.Ingest;

/// <summary>How the bytes of one input were turned into text.</summary>
public readonly record struct DecodedText(string Text, string Encoding, string EncodingSource);

/// <summary>Why the bytes of one input could not be turned into text (becomes a reject).</summary>
public readonly record struct DecodeFailure(string Reason, string Detail);

/// <summary>Values of <see cref="IngestedDocument.EncodingSource"/>.</summary>
public static class EncodingSources
{
    /// <summary>A byte order mark said so.</summary>
    public const string Bom = "bom";
    /// <summary>The document declared it (HTML &lt;meta charset&gt; / http-equiv content-type).</summary>
    public const string Declared = "declared";
    /// <summary>Chosen by trying the candidate encodings strictly and scoring the results.</summary>
    public const string Detected = "detected";
    /// <summary>The format fixes it (JSONL is UTF-8) or the text was handed over already decoded.</summary>
    public const string Default = "default";
}

/// <summary>
/// Bytes → text: BOM, then a declared charset (HTML), then detection among the candidate encodings
/// (UTF-8 strictly first; between GB18030 and Big5 by scoring how plausible each decoding is).
/// </summary>
public static class TextDecoder
{
    static TextDecoder() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Makes the code-page encodings (GB18030, Big5, …) available; idempotent.</summary>
    public static void EnsureCodePages() { /* the static constructor does the work */ }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decode <paramref name="bytes"/>; <paramref name="isHtml"/> enables the &lt;meta charset&gt; look-up.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, bool isHtml, IReadOnlyList<string> candidates,
        out DecodedText decoded, out DecodeFailure failure)
    {
        decoded = default;
        failure = default;

        // 1. Byte order mark.
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            return DecodeWith(bytes[3..], StrictUtf8, "utf-8", EncodingSources.Bom, out decoded, out failure);
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
            return DecodeWith(bytes[2..], new UnicodeEncoding(false, false, true), "utf-16le", EncodingSources.Bom, out decoded, out failure);
        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
            return DecodeWith(bytes[2..], new UnicodeEncoding(true, false, true), "utf-16be", EncodingSources.Bom, out decoded, out failure);

        // 2. Binary content: NUL bytes, or too many control characters.
        if (LooksBinary(bytes, out var binaryDetail))
        {
            failure = new DecodeFailure("binary", binaryDetail);
            return false;
        }

        bool validUtf8 = IsValidUtf8(bytes, out bool hasMultiByte, out int firstInvalid);

        // 3. Declared charset (HTML only). A declaration is believed unless the bytes are valid UTF-8 with
        //    non-ASCII text in them: scrapers often re-save pages as UTF-8 and leave the old <meta charset>.
        if (isHtml && FindDeclaredCharset(bytes) is { } label && ResolveLabel(label) is var (declaredName, encoding) && encoding is not null)
        {
            bool declaredIsUtf8 = declaredName == "utf-8";
            if (declaredIsUtf8 ? validUtf8 : !(validUtf8 && hasMultiByte))
            {
                if (DecodeWith(bytes, encoding, declaredName, EncodingSources.Declared, out decoded, out _))
                {
                    // A wrong declaration (Big5 declared, GBK bytes) still decodes, into private-use and rare
                    // characters. Only then is detection asked, and it must be clearly better to overrule.
                    if (declaredIsUtf8) return true;
                    double declaredScore = PlausibilityScore(decoded.Text);
                    if (declaredScore >= 0) return true;
                    var (detectedText, detectedName, detectedScore, _) = BestCandidate(bytes, candidates);
                    if (detectedText is not null && detectedScore > declaredScore + 1.0)
                        decoded = new DecodedText(detectedText, detectedName!, EncodingSources.Detected);
                    return true;
                }
            }
        }

        // 4. Detection.
        if (validUtf8)
        {
            decoded = new DecodedText(StrictUtf8.GetString(bytes), "utf-8", EncodingSources.Detected);
            return true;
        }

        var (bestText, bestName, _, tried) = BestCandidate(bytes, candidates);
        if (bestText is not null)
        {
            decoded = new DecodedText(bestText, bestName!, EncodingSources.Detected);
            return true;
        }

        failure = new DecodeFailure("undecodable",
            $"byte 0x{bytes[Math.Max(0, firstInvalid)]:X2} at offset {Math.Max(0, firstInvalid)} is not valid UTF-8, and the file does not decode as " +
            $"{(tried.Count == 0 ? "any configured fallback encoding" : string.Join(" or ", tried))} either; " +
            "re-save the file as UTF-8 (or declare its charset in <meta charset> for HTML)");
        return false;
    }

    /// <summary>The most plausible strict decoding among the non-UTF-8 candidates (null text when none decodes).</summary>
    private static (string? Text, string? Name, double Score, List<string> Tried) BestCandidate(ReadOnlySpan<byte> bytes, IReadOnlyList<string> candidates)
    {
        string? bestText = null, bestName = null;
        double bestScore = double.NegativeInfinity;
        var tried = new List<string>();
        foreach (var candidate in candidates)
        {
            var (name, enc) = ResolveLabel(candidate);
            if (enc is null || name == "utf-8" || tried.Contains(name)) continue;
            tried.Add(name);
            if (!TryStrict(bytes, enc, out var text)) continue;
            double score = PlausibilityScore(text);
            if (score > bestScore)
            {
                bestScore = score;
                bestText = text;
                bestName = name;
            }
        }
        return (bestText, bestName, bestScore, tried);
    }

    /// <summary>The declared charset label of an HTML document, looked for in its first 4 KB.</summary>
    public static string? FindDeclaredCharset(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 4096)]);
        var m = MetaCharset.Match(head);
        if (m.Success) return m.Groups[1].Value;
        var x = XmlDeclaration.Match(head);
        if (x.Success) return x.Groups[1].Value;
        foreach (Match meta in MetaTag.Matches(head))
        {
            var tag = meta.Value;
            if (!HttpEquivContentType.IsMatch(tag)) continue;
            var c = ContentCharset.Match(tag);
            if (c.Success) return c.Groups[1].Value;
        }
        return null;
    }

    private static readonly Regex MetaCharset = new(@"<meta\b[^>]*?\bcharset\s*=\s*[""']?\s*([A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex XmlDeclaration = new(@"^\s*<\?xml\b[^>]*?\bencoding\s*=\s*[""']([A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex MetaTag = new(@"<meta\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex HttpEquivContentType = new(@"http-equiv\s*=\s*[""']?\s*content-type", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex ContentCharset = new(@"charset\s*=\s*([A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Maps a charset label to the name we record and the (strict) encoding we decode with.</summary>
    public static (string Name, Encoding? Encoding) ResolveLabel(string label)
    {
        var l = label.Trim().ToLowerInvariant();
        switch (l)
        {
            case "utf-8" or "utf8" or "unicode-1-1-utf-8":
            // WHATWG: a <meta> that declares UTF-16 on a page without a BOM means UTF-8.
            case "utf-16" or "utf-16le" or "utf-16be":
                return ("utf-8", StrictUtf8);
            case "gb18030":
                return ("gb18030", Strict(54936));
            // GB18030 is a superset of GBK and GB2312: decode with it, record the declared family.
            case "gbk" or "x-gbk" or "cp936" or "ms936" or "windows-936":
                return ("gbk", Strict(54936));
            case "gb2312" or "gb_2312-80" or "csgb2312" or "chinese" or "euc-cn":
                return ("gb2312", Strict(54936));
            case "big5" or "big5-hkscs" or "cn-big5" or "x-x-big5" or "csbig5" or "cp950":
                return ("big5", Strict(950));
        }
        try
        {
            var enc = Encoding.GetEncoding(l, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            return (enc.WebName, enc);
        }
        catch (ArgumentException)
        {
            return (l, null);
        }
    }

    private static Encoding Strict(int codePage) =>
        Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    private static bool DecodeWith(ReadOnlySpan<byte> bytes, Encoding encoding, string name, string source,
        out DecodedText decoded, out DecodeFailure failure)
    {
        failure = default;
        decoded = default;
        if (TryStrict(bytes, encoding, out var text))
        {
            decoded = new DecodedText(text, name, source);
            return true;
        }
        failure = new DecodeFailure("undecodable",
            $"the file says it is {name} ({source}) but its bytes are not valid {name}; re-save the file as UTF-8");
        return false;
    }

    private static bool TryStrict(ReadOnlySpan<byte> bytes, Encoding encoding, out string text)
    {
        try
        {
            text = encoding.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    /// <summary>Valid UTF-8? Also whether any multi-byte sequence occurs, and the first invalid offset.</summary>
    public static bool IsValidUtf8(ReadOnlySpan<byte> bytes, out bool hasMultiByte, out int firstInvalid)
    {
        hasMultiByte = bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0;
        firstInvalid = -1;
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return true;
        int i = 0;
        while (i < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[i..], out _, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                firstInvalid = i;
                break;
            }
            i += consumed;
        }
        return false;
    }

    private static bool LooksBinary(ReadOnlySpan<byte> bytes, out string detail)
    {
        detail = "";
        int nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            detail = $"NUL byte at offset {nul}: this looks like a binary file, not text; remove it from the input folder, " +
                     "or export it as text and save it as UTF-8";
            return true;
        }
        int controls = 0;
        foreach (var b in bytes)
            if ((b < 0x20 && b is not (0x09 or 0x0A or 0x0D or 0x0C or 0x1B)) || b == 0x7F)
                controls++;
        if (bytes.Length > 0 && controls * 100L > bytes.Length)
        {
            detail = $"{controls} of {bytes.Length} bytes are control characters (over 1%): this looks like a binary file, not text; " +
                     "remove it from the input folder, or export it as text and save it as UTF-8";
            return true;
        }
        return false;
    }

    // ~300 of the most frequent Chinese characters, in simplified and in traditional form.
    private const string FrequentSimplified =
        "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴切";
    private const string FrequentTraditional =
        "的一是不了人我在有他這中大來上國個到說們為子和你地出道也時年得就那要下以生會自著去之過家學對可她裡後小麼心多天而能好都然沒日於起還發成事只作當想看文無開手十用主行方又如前所本見經頭面公同三已老從動兩長知民樣現分將外但身些與高意進把法此實回二理美點月明其種聲全工己話兒者向情部正名定女問力機給等幾很業最間新什打便位因重被走電四第門相次東政海口使教西再平真聽世氣信北少關並內加化由卻代軍產入先山五太水萬市眼體別處總才場師書比住員九笑性通目華報立馬命張活難神數件安表原車白應路期叫死常提感金何更反合放做系計或司利受光王果親界及今京務制解各任至清物台象記邊共風戰幹接它許八特覺望直服毛林題建南度統色字請交愛讓認算論百吃義科怎元社術結六功指思非流每青管夫連遠資隊跟帶花快條院變聯言權往展該領傳近留紅治決周保達辦運武半候七必城父強步完革深區即求品士轉量空甚眾技輕程告江語英基派滿式李息寫呢識極令黃德收臉錢黨倒未持取設始版雙歷越史商千片容研像找友孩站廣改議形委早房音火際則首單據導影失拿網香似斯專石若兵弟誰校讀志飛觀爭究包組造落視濟喜離雖壞興切";

    private static readonly HashSet<char> Frequent = [.. FrequentSimplified, .. FrequentTraditional];

    /// <summary>
    /// How plausible a decoding is as real text: frequent Chinese characters and common punctuation score,
    /// private-use, rare-extension, control and symbol characters cost. Higher is better; comparable only
    /// between decodings of the same bytes.
    /// </summary>
    public static double PlausibilityScore(string text)
    {
        double score = 0;
        foreach (var c in text)
        {
            if (c < 0x80) continue; // ASCII decodes the same under every candidate
            if (Frequent.Contains(c)) score += 3;
            else if (c is >= '\u4E00' and <= '\u9FFF') score += 0.5;
            else if (c is >= '\u3000' and <= '\u303F' or >= '\uFF01' and <= '\uFF5E') score += 2; // CJK punctuation, full-width forms
            else if (c is >= '\uE000' and <= '\uF8FF') score -= 10; // private use: user-defined areas of a wrong code page
            else if (c is >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF') score -= 3; // extension A, compatibility ideographs
            else if (char.IsSurrogate(c)) score -= 2; // supplementary ideographs are rare in running text
            else if (c is >= '\u0080' and <= '\u009F') score -= 10; // C1 controls
            else score -= 1; // Latin-1 letters, symbols, box drawing, Cyrillic… in a Chinese-candidate decoding
        }
        return score / Math.Max(1, text.Length);
    }
}
