using System.Text;
using BenchmarkDotNet.Attributes;
using ContentPipeline.Parquet;
using ContentPipeline.Parquet.Compression;
using ContentPipeline.Parquet.Serialization;

namespace ContentPipeline.Benchmarks.Parquet;

/// <summary>
/// Writing blocks-shaped rows with the serializer, per codec, and the Snappy codec alone on the same text.
/// <code>dotnet run -c Release --project bench/ContentPipeline.Benchmarks -- --filter '*ParquetWriterBenchmarks*'</code>
/// The whole-process comparison with DuckDB is bench/parquet-vs-duckdb.sh.
/// </summary>
[MemoryDiagnoser]
public class ParquetWriterBenchmarks
{
    private List<BlockRow> _rows = [];
    private MemoryStream _output = new();
    private byte[] _text = [];
    private byte[] _compressed = [];
    private byte[] _scratch = [];

    [Params(100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _rows = BlockRowGenerator.Generate(Rows);
        _output = new MemoryStream(64 << 20);
        _text = Encoding.UTF8.GetBytes(string.Concat(_rows.Take(20_000).Select(r => r.Text)));
        _compressed = new byte[Snappy.GetMaxCompressedLength(_text.Length)];
        int n = Snappy.Compress(_text, _compressed);
        _compressed = _compressed[..n];
        _scratch = new byte[Math.Max(_text.Length, Snappy.GetMaxCompressedLength(_text.Length))];
    }

    [Benchmark(Baseline = true)]
    public long WriteSnappy() => Write(CompressionMethod.Snappy);

    [Benchmark]
    public long WriteUncompressed() => Write(CompressionMethod.None);

    [Benchmark]
    public long WriteGzip() => Write(CompressionMethod.Gzip);

    /// <summary>Snappy alone over ~2 MB of the rows' text (bytes/s = text length / time).</summary>
    [Benchmark]
    public int SnappyCompressText() => Snappy.Compress(_text, _scratch);

    [Benchmark]
    public int SnappyDecompressText() => Snappy.Decompress(_compressed, _scratch);

    private long Write(CompressionMethod codec)
    {
        _output.SetLength(0);
        ParquetSerializer.Serialize(_rows, _output, new ParquetSerializerOptions { CompressionMethod = codec });
        return _output.Length;
    }
}
