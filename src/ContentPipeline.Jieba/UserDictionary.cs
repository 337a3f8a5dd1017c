using System.Text;
using System.Text.RegularExpressions;
using ContentPipeline.Jieba.Dictionary;

namespace ContentPipeline.Jieba;

/// <summary>Dictionary changes: jieba's add_word, del_word, suggest_freq and load_userdict.</summary>
public sealed partial class JiebaSegmenter
{
    // jieba's re_userdict, applied to a line stripped of ASCII whitespace and of leading U+FEFF.
    [GeneratedRegex("^(.+?)( [0-9]+)?( [a-z]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex UserDictLine();

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// jieba's <c>add_word(word, freq, tag)</c>. A <paramref name="freq"/> of 0 or less means "not given": the
    /// frequency is <see cref="SuggestFreq(string, bool)"/>'s, which makes the word come out whole.
    /// </summary>
    public void AddWord(string word, int freq = 0, string? tag = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(word);
        Change(d => AddWordCore(d, word, freq > 0 ? freq : null, tag));
    }

    /// <summary>Adds many words with one dictionary change, each exactly as <see cref="AddWord"/> would.</summary>
    public void AddWords(IEnumerable<(string Word, int Freq, string? Tag)> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        Change(d =>
        {
            foreach (var (word, freq, tag) in words)
            {
                ArgumentException.ThrowIfNullOrEmpty(word);
                AddWordCore(d, word, freq > 0 ? freq : null, tag);
            }
        });
    }

    /// <summary>jieba's <c>del_word</c>: <c>add_word(word, 0)</c>, so the word is also always split by the HMM.</summary>
    public void DeleteWord(string word)
    {
        ArgumentException.ThrowIfNullOrEmpty(word);
        Change(d => AddWordCore(d, word, 0, null));
    }

    /// <summary>
    /// jieba's <c>suggest_freq(word, tune)</c>: the frequency that makes <paramref name="word"/> come out whole,
    /// <c>max(int(Π FREQ.get(seg, 1) / total · total) + 1, FREQ.get(word, 1))</c> over its no-HMM cut; with
    /// <paramref name="tune"/>, also adds the word with it.
    /// </summary>
    public int SuggestFreq(string word, bool tune = false)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (!tune) return SuggestWhole(Dict, word);
        int result = 0;
        Change(d => { result = SuggestWhole(d, word); AddWordCore(d, word, result, null); });
        return result;
    }

    /// <summary>
    /// jieba's <c>suggest_freq(segments, tune)</c>: the frequency that makes the joined word come out as these
    /// <paramref name="segments"/>, <c>min(int(Π FREQ.get(seg, 1) / total · total), FREQ.get(word, 0))</c>; with
    /// <paramref name="tune"/>, also sets the word to it (0 deletes it, as in jieba).
    /// </summary>
    public int SuggestFreq(IEnumerable<string> segments, bool tune = false)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var segs = segments.ToArray();
        if (!tune) return SuggestSplit(Dict, segs);
        int result = 0;
        Change(d => { result = SuggestSplit(d, segs); AddWordCore(d, string.Concat(segs), result, null); });
        return result;
    }

    /// <summary>
    /// jieba's <c>load_userdict</c>: one <c>word [freq] [tag]</c> per line, UTF-8 (a BOM is tolerated), blank
    /// lines skipped; a word without a frequency gets the suggested one. All lines are one dictionary change.
    /// </summary>
    /// <exception cref="FileNotFoundException">the file does not exist</exception>
    /// <exception cref="InvalidDataException">a line is not UTF-8 or its frequency is out of range (the message names file and line)</exception>
    public void LoadUserDict(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"user dictionary {path} does not exist.", path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        LoadUserDict(stream, path);
    }

    /// <summary><see cref="LoadUserDict(string)"/> from a stream; <paramref name="name"/> is used in error messages.</summary>
    public void LoadUserDict(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var entries = ParseUserDict(stream, name);
        Change(d =>
        {
            foreach (var (word, freq, tag) in entries) AddWordCore(d, word, freq, tag);
        });
    }

    internal static List<(string Word, int? Freq, string? Tag)> ParseUserDict(Stream stream, string name)
    {
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        var bytes = ms.GetBuffer().AsSpan(0, (int)ms.Length);
        var result = new List<(string, int?, string?)>();
        int lineNo = 0;
        while (!bytes.IsEmpty)
        {
            lineNo++;
            int nl = bytes.IndexOf((byte)'\n');
            var raw = nl < 0 ? bytes : bytes[..(nl + 1)];
            bytes = nl < 0 ? default : bytes[(nl + 1)..];
            // Python: bytes.strip() (ASCII whitespace), decode('utf-8'), lstrip('\ufeff').
            var trimmed = raw.Trim(" \t\n\r\v\f"u8);
            string line;
            try { line = StrictUtf8.GetString(trimmed); }
            catch (DecoderFallbackException)
            {
                throw new InvalidDataException($"user dictionary {name}, line {lineNo}: not UTF-8 (the file must be UTF-8).");
            }
            line = line.TrimStart('\uFEFF');
            if (line.Length == 0) continue;
            var m = UserDictLine().Match(line);
            string word = m.Groups[1].Value;
            int? freq = null;
            if (m.Groups[2].Success)
            {
                if (!int.TryParse(m.Groups[2].ValueSpan.Trim(' '), System.Globalization.NumberStyles.None,
                        System.Globalization.CultureInfo.InvariantCulture, out int f))
                    throw new InvalidDataException($"user dictionary {name}, line {lineNo}: frequency {m.Groups[2].Value.Trim()} is too large (at most {int.MaxValue}).");
                freq = f;
            }
            string? tag = m.Groups[3].Success ? m.Groups[3].Value.Trim(' ') : null;
            result.Add((word, freq, tag));
        }
        return result;
    }

    private void Change(Action<SegmenterDictionary> change)
    {
        lock (_writeLock)
        {
            var working = Dict.Clone();
            change(working);
            _dict = working;
        }
    }

    private static void AddWordCore(SegmenterDictionary d, string word, int? freq, string? tag)
    {
        int f = freq ?? SuggestWhole(d, word);
        d.SetWord(word, f, tag);
    }

    private static int SuggestWhole(SegmenterDictionary d, string word)
    {
        double ftotal = d.Total;
        double freq = 1;
        var scratch = Scratch.Rent();
        try
        {
            var sink = scratch.Sink;
            sink.Clear();
            CutCore(d, word, cutAll: false, hmm: false, sink, scratch);
            for (int i = 0; i < sink.Count; i++)
                freq *= (d.TryGetFreq(sink.Span(word, i), out int f) ? f : 1) / ftotal;
            long whole = (long)(freq * d.Total) + 1;
            long current = d.TryGetFreq(word, out int fw) ? fw : 1;
            return ClampToInt(Math.Max(whole, current));
        }
        finally { scratch.Release(); }
    }

    private static int SuggestSplit(SegmenterDictionary d, string[] segments)
    {
        double ftotal = d.Total;
        double freq = 1;
        foreach (var seg in segments)
            freq *= (d.TryGetFreq(seg, out int f) ? f : 1) / ftotal;
        long split = (long)(freq * d.Total);
        long current = d.TryGetFreq(string.Concat(segments), out int fw) ? fw : 0;
        return ClampToInt(Math.Min(split, current));
    }

    private static int ClampToInt(long v) => v > int.MaxValue ? int.MaxValue : (int)v;
}
