using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using Xunit.Abstractions;

namespace ContentPipeline.Jieba.Tests.Golden;

/// <summary>
/// Golden parity with Python jieba 0.42.1: every line of Golden/data/corpus.txt.gz (55,000 lines: prose of many
/// kinds, poems, UI strings, man pages, generated mixes and edge cases; see tools/jieba-golden/README.md) is cut by
/// <see cref="JiebaSegmenter"/> and must equal, token for token, what tools/jieba-golden/ref_cut.py wrote with
/// Python jieba. Tokens that Python's <c>str.strip()</c> reduces to nothing are dropped (except in keep-space mode)
/// and the rest are joined with one space, exactly as the reference driver does.
/// </summary>
public sealed class GoldenParityTests
{
    private readonly ITestOutputHelper _out;

    public GoldenParityTests(ITestOutputHelper output) => _out = output;

    public enum Mode { Accurate, AccurateNoHmm, Full, Search, SearchNoHmm }

    [Theory]
    [InlineData("accurate", Mode.Accurate, false)]
    [InlineData("accurate_nohmm", Mode.AccurateNoHmm, false)]
    [InlineData("full", Mode.Full, false)]
    [InlineData("search", Mode.Search, false)]
    [InlineData("search_nohmm", Mode.SearchNoHmm, false)]
    [InlineData("accurate_keepspace", Mode.Accurate, true)]
    [InlineData("full_keepspace", Mode.Full, true)]
    public void DefaultDictionary_MatchesPythonJieba(string golden, Mode mode, bool keepSpace)
    {
        var expected = GoldenData.Lines(golden + ".txt.gz");
        Compare(golden, GoldenData.DefaultSegmenter, mode, keepSpace, expected);
    }

    [Theory]
    [InlineData("userdict.txt", "userdict_accurate", "accurate", Mode.Accurate)]
    [InlineData("userdict.txt", "userdict_nohmm", "accurate_nohmm", Mode.AccurateNoHmm)]
    [InlineData("userdict.txt", "userdict_full", "full", Mode.Full)]
    [InlineData("userdict.txt", "userdict_search", "search", Mode.Search)]
    [InlineData("userdict_edge.txt.gz", "useredge_accurate", "accurate", Mode.Accurate)]
    [InlineData("userdict_edge.txt.gz", "useredge_nohmm", "accurate_nohmm", Mode.AccurateNoHmm)]
    [InlineData("userdict_edge.txt.gz", "useredge_full", "full", Mode.Full)]
    [InlineData("userdict_edge.txt.gz", "useredge_search", "search", Mode.Search)]
    public void UserDictionary_MatchesPythonJieba(string userDict, string golden, string baseGolden, Mode mode)
    {
        // Stored as differences against the run without the user dictionary: "<0-based line>\t<golden line>".
        var expected = GoldenData.Lines(baseGolden + ".txt.gz").ToArray();
        var diff = GoldenData.Lines(golden + ".diff.gz");
        Assert.True(diff.Count >= 100, $"{golden}: only {diff.Count} lines are affected by the user dictionary");
        foreach (var d in diff)
        {
            int tab = d.IndexOf('\t');
            expected[int.Parse(d.AsSpan(0, tab))] = d[(tab + 1)..];
        }
        Compare(golden, GoldenData.SegmenterWith(userDict), mode, keepSpace: false, expected);
    }

    [Fact]
    public void Corpus_IsLargeAndVaried()
    {
        var corpus = GoldenData.Corpus;
        Assert.True(corpus.Count >= 50_000, $"corpus has {corpus.Count} lines");
        Assert.Equal(corpus.Count, new HashSet<string>(corpus, StringComparer.Ordinal).Count);
        Assert.Contains("", corpus);
        Assert.Contains(corpus, l => l.Length > 0 && l.All(c => PyWhitespace.IsSpace(c)));
        Assert.Contains(corpus, l => l.Any(char.IsSurrogate));
        Assert.Contains(corpus, l => l.Contains('\t'));
        Assert.Contains(corpus, l => l.Contains('\u3000'));
    }

    [Fact]
    public void PythonWhitespace_IsStrSpace()
    {
        // Python's str.isspace() differs from char.IsWhiteSpace on U+001C..U+001F (Python: whitespace).
        foreach (char c in "\t\n\v\f\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000")
            Assert.True(PyWhitespace.IsSpace(c), $"U+{(int)c:X4}");
        foreach (char c in "a中\u200b\ufeff\u180e\u0000\u001b")
            Assert.False(PyWhitespace.IsSpace(c), $"U+{(int)c:X4}");
    }

    private void Compare(string name, JiebaSegmenter seg, Mode mode, bool keepSpace, IReadOnlyList<string> expected)
    {
        var corpus = GoldenData.Corpus;
        Assert.Equal(corpus.Count, expected.Count);
        var actual = new string[corpus.Count];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var errors = new ConcurrentDictionary<int, string>();
        Parallel.For(0, corpus.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            try
            {
                IEnumerable<string> tokens = mode switch
                {
                    Mode.Accurate => seg.Cut(corpus[i], cutAll: false, hmm: true),
                    Mode.AccurateNoHmm => seg.Cut(corpus[i], cutAll: false, hmm: false),
                    Mode.Full => seg.Cut(corpus[i], cutAll: true, hmm: true),
                    Mode.Search => seg.CutForSearch(corpus[i], hmm: true),
                    _ => seg.CutForSearch(corpus[i], hmm: false),
                };
                // " ".join(t for t in tokens if t.strip()), or " ".join(tokens) with --keep-space.
                actual[i] = string.Join(' ', keepSpace ? tokens : tokens.Where(t => !PyWhitespace.IsBlank(t)));
            }
            catch (Exception e)
            {
                errors[i] = e.GetType().Name + ": " + e.Message;
                actual[i] = "<exception " + e.GetType().Name + ": " + e.Message + ">";
            }
        });

        clock.Stop();
        var diffs = new List<int>();
        for (int i = 0; i < corpus.Count; i++)
            if (!string.Equals(actual[i], expected[i], StringComparison.Ordinal)) diffs.Add(i);

        double rate = 100.0 * (corpus.Count - diffs.Count) / corpus.Count;
        string summary = $"{name}: {corpus.Count - diffs.Count}/{corpus.Count} lines identical ({rate:F3}%), {diffs.Count} differ, {errors.Count} threw; cut in {clock.ElapsedMilliseconds} ms";
        _out.WriteLine(summary);
        if (diffs.Count == 0) return;

        var report = new StringBuilder();
        report.AppendLine(summary);
        string dumpPath = WriteDiffDump(name, corpus, expected, actual, diffs);
        report.AppendLine($"all differences: {dumpPath}");
        foreach (int i in diffs.Take(10))
        {
            report.AppendLine($"--- corpus line {i + 1}");
            report.AppendLine($"  input:    {Show(corpus[i])}");
            report.AppendLine($"  expected: {Show(expected[i])}");
            report.AppendLine($"  actual:   {Show(actual[i])}");
        }
        Assert.Fail(report.ToString());
    }

    private static string WriteDiffDump(string name, IReadOnlyList<string> corpus, IReadOnlyList<string> expected, string[] actual, List<int> diffs)
    {
        try
        {
            string dir = Path.Combine(AppContext.BaseDirectory, "golden-diffs");
            Directory.CreateDirectory(dir);
            string path = Path.Combine(dir, name + ".txt");
            using var w = new StreamWriter(path, false, new UTF8Encoding(false));
            foreach (int i in diffs)
            {
                w.Write($"--- line {i + 1}\n  input:    {Show(corpus[i])}\n  expected: {Show(expected[i])}\n  actual:   {Show(actual[i])}\n");
            }
            return path;
        }
        catch (Exception e)
        {
            return "(could not write: " + e.Message + ")";
        }
    }

    /// <summary>Quotes a line, escaping control and invisible characters so that the diff is readable.</summary>
    internal static string Show(string s)
    {
        const int max = 400;
        var sb = new StringBuilder("«");
        foreach (char c in s.Length > max ? s[..max] : s)
        {
            if (c == '\t') sb.Append("\\t");
            else if (c == '\r') sb.Append("\\r");
            else if (c < 0x20 || (c >= 0x7f && c <= 0xa0) || c is '\u1680' or '\u180e' or '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000' or '\ufeff'
                     || (c >= '\u2000' && c <= '\u200f'))
                sb.Append($"\\u{(int)c:X4}");
            else sb.Append(c);
        }
        sb.Append('»');
        if (s.Length > max) sb.Append($"…(+{s.Length - max} chars)");
        return sb.ToString();
    }
}

/// <summary>Python 3's <c>str.isspace()</c>, which <c>str.strip()</c> uses; all such characters are in the BMP.</summary>
internal static class PyWhitespace
{
    public static bool IsSpace(char c) => c switch
    {
        >= '\t' and <= '\r' => true,            // \t \n \v \f \r
        >= '\u001c' and <= '\u001f' => true,    // file/group/record/unit separators (not char.IsWhiteSpace)
        ' ' or '\u0085' or '\u00a0' or '\u1680' => true,
        >= '\u2000' and <= '\u200a' => true,
        '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000' => true,
        _ => false,
    };

    /// <summary><c>not t.strip()</c>: empty or whitespace only.</summary>
    public static bool IsBlank(string t)
    {
        foreach (char c in t)
            if (!IsSpace(c)) return false;
        return true;
    }
}

/// <summary>The golden files, each read and decompressed once per test run.</summary>
internal static class GoldenData
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "Golden", "data");
    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<string>>> Cache = new();
    private static readonly Lazy<JiebaSegmenter> Default = new(() => new JiebaSegmenter());
    private static readonly ConcurrentDictionary<string, Lazy<JiebaSegmenter>> WithUserDict = new();

    public static IReadOnlyList<string> Corpus => Lines("corpus.txt.gz");

    public static JiebaSegmenter DefaultSegmenter => Default.Value;

    /// <summary>A segmenter after <c>LoadUserDict</c> of Golden/data/<paramref name="file"/> (a .gz is unpacked to a temp file first).</summary>
    public static JiebaSegmenter SegmenterWith(string file) =>
        WithUserDict.GetOrAdd(file, f => new Lazy<JiebaSegmenter>(() =>
        {
            var s = new JiebaSegmenter();
            string path = Path.Combine(Dir, f);
            if (!f.EndsWith(".gz", StringComparison.Ordinal))
            {
                s.LoadUserDict(path);
                return s;
            }
            string tmp = Path.Combine(Path.GetTempPath(), $"jieba-golden-{Environment.ProcessId}-{Path.GetFileNameWithoutExtension(f)}");
            try
            {
                using (var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
                using (var o = File.Create(tmp))
                    gz.CopyTo(o);
                s.LoadUserDict(tmp);
            }
            finally
            {
                File.Delete(tmp);
            }
            return s;
        })).Value;

    /// <summary>The lines of a gzip'd UTF-8 file, split on '\n' only (no BOM handling: a U+FEFF is data).</summary>
    public static IReadOnlyList<string> Lines(string file) =>
        Cache.GetOrAdd(file, f => new Lazy<IReadOnlyList<string>>(() => Load(f))).Value;

    private static IReadOnlyList<string> Load(string file)
    {
        string path = Path.Combine(Dir, file);
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        string text = new UTF8Encoding(false, true).GetString(ms.GetBuffer(), 0, (int)ms.Length);
        var lines = text.Split('\n');
        // Every line, the last included, ends with '\n'.
        return lines.Length > 0 && lines[^1].Length == 0 ? lines[..^1] : lines;
    }
}
