using BenchmarkDotNet.Attributes;
using ContentPipeline.Jieba;
using ContentPipeline.Jieba.Dictionary;

namespace ContentPipeline.Benchmarks.Jieba;

/// <summary>
/// In-process segmentation speed of ContentPipeline.Jieba on ~1 MB of pseudo-Chinese text (words drawn by frequency
/// from the embedded jieba dictionary, with runs of single characters for the HMM, punctuation and Latin words; the
/// same seed gives the same text). Whole-process figures against Python jieba: bench/jieba-vs-python.sh.
/// Set JIEBA_BENCH_CORPUS to a UTF-8 file to use real text instead.
/// </summary>
[MemoryDiagnoser]
public class JiebaBenchmarks
{
    private JiebaSegmenter _segmenter = null!;
    private string[] _lines = null!;
    private readonly List<TokenRange> _ranges = new(1 << 12);

    /// <summary>UTF-8 bytes of the corpus: divide by the mean time for MB/s.</summary>
    public long CorpusBytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        JiebaSegmenter.Initialize();
        _segmenter = new JiebaSegmenter();
        var path = Environment.GetEnvironmentVariable("JIEBA_BENCH_CORPUS");
        _lines = path != null ? File.ReadAllLines(path) : Generate(1_000_000, seed: 20240923);
        CorpusBytes = _lines.Sum(l => (long)System.Text.Encoding.UTF8.GetByteCount(l) + 1);
        Console.WriteLine($"// jieba corpus: {_lines.Length} lines, {CorpusBytes} UTF-8 bytes");
    }

    [Benchmark(Baseline = true, Description = "accurate, HMM, spans")]
    public int AccurateSpans() => CutSpans(TokenizerMode.Default, hmm: true);

    [Benchmark(Description = "accurate, no HMM, spans")]
    public int NoHmmSpans() => CutSpans(TokenizerMode.Default, hmm: false);

    [Benchmark(Description = "search, spans")]
    public int SearchSpans() => CutSpans(TokenizerMode.Search, hmm: true);

    [Benchmark(Description = "accurate, HMM, Cut(string)")]
    public int AccurateStrings()
    {
        int n = 0;
        foreach (var line in _lines) foreach (var _ in _segmenter.Cut(line)) n++;
        return n;
    }

    [Benchmark(Description = "full, Cut(string)")]
    public int FullStrings()
    {
        int n = 0;
        foreach (var line in _lines) foreach (var _ in _segmenter.Cut(line, cutAll: true)) n++;
        return n;
    }

    private int CutSpans(TokenizerMode mode, bool hmm)
    {
        int n = 0;
        foreach (var line in _lines)
        {
            _ranges.Clear();
            _segmenter.Tokenize(line.AsSpan(), _ranges, mode, hmm);
            n += _ranges.Count;
        }
        return n;
    }

    /// <summary>Pseudo-text: dictionary words by frequency, single-character runs, punctuation, Latin.</summary>
    internal static string[] Generate(int targetChars, int seed)
    {
        var dict = PrefixDictionary.Default;
        int n = dict.NodeCount;
        var parent = new int[n];
        for (int p = 0; p < n; p++)
            for (int c = dict.Nodes[p].FirstChild; c < dict.Nodes[p].EndChild; c++) parent[c] = p;
        var words = new List<string>();
        var cumulative = new List<long>();
        var singles = new List<string>();
        long total = 0;
        var sb = new System.Text.StringBuilder();
        for (int id = 1; id < n; id++)
        {
            int f = dict.Freq(id);
            if (f <= 0) continue;
            sb.Clear();
            for (int k = id; k != 0; k = parent[k]) sb.Insert(0, dict.Edges[k]);
            var w = sb.ToString();
            if (!w.All(ch => ch is >= '\u4E00' and <= '\u9FD5')) continue;
            total += f;
            words.Add(w);
            cumulative.Add(total);
            if (w.Length == 1 && f > 1000) singles.Add(w);
        }
        string[] latin = ["AI", "GPU", "iPhone", "Python", "2024", "3.14", "50%", "COVID-19", "C++", "USB-C"];
        string[] clauseEnd = ["，", "，", "、", "；"];
        string[] sentenceEnd = ["。", "。", "！", "？"];
        var rng = new Random(seed);
        var lines = new List<string>();
        int chars = 0;
        while (chars < targetChars)
        {
            sb.Clear();
            for (int sentence = rng.Next(1, 6); sentence > 0; sentence--)
            {
                for (int clause = rng.Next(1, 4); clause > 0; clause--)
                {
                    for (int w = rng.Next(2, 12); w > 0; w--)
                    {
                        double r = rng.NextDouble();
                        if (r < 0.86)
                        {
                            int i = cumulative.BinarySearch(rng.NextInt64(total) + 1);
                            sb.Append(words[i < 0 ? ~i : i]);
                        }
                        else if (r < 0.96) for (int k = rng.Next(1, 5); k > 0; k--) sb.Append(singles[rng.Next(singles.Count)]);
                        else sb.Append(latin[rng.Next(latin.Length)]);
                    }
                    sb.Append(clause > 1 ? clauseEnd[rng.Next(clauseEnd.Length)] : sentenceEnd[rng.Next(sentenceEnd.Length)]);
                }
            }
            lines.Add(sb.ToString());
            chars += sb.Length;
        }
        return [.. lines];
    }
}

/// <summary>Cold-path cost: parsing the embedded dictionary (jieba's initialize()).</summary>
[MemoryDiagnoser]
public class JiebaLoadBenchmarks
{
    [Benchmark(Description = "load embedded dictionary")]
    public int LoadDictionary() => PrefixDictionary.LoadEmbedded().NodeCount;
}
