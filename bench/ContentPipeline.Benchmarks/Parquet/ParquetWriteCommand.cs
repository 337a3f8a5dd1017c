using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ContentPipeline.Parquet;
using ContentPipeline.Parquet.Serialization;

namespace ContentPipeline.Benchmarks.Parquet;

/// <summary>
/// Whole-process write benchmark used by <c>bench/parquet-vs-duckdb.sh</c>:
/// <code>
/// dotnet run -c Release --project bench/ContentPipeline.Benchmarks -- parquet-write N OUT.parquet [--jsonl ROWS.jsonl] [--repeat R]
/// </code>
/// Generates N blocks-shaped rows in memory (untimed), optionally writes them as JSON lines for DuckDB to load
/// (untimed), then times R writes of the rows to OUT with the library (SNAPPY) and prints one RESULT line per run.
/// </summary>
public static class ParquetWriteCommand
{
    public const string Name = "parquet-write";

    /// <summary>Row group size used by both sides of the comparison (DuckDB's default).</summary>
    public const int RowGroupSize = 122_880;

    public static int Run(string[] args)
    {
        if (args.Length < 3 || !int.TryParse(args[1], out int count) || count <= 0)
        {
            Console.Error.WriteLine("usage: parquet-write N OUT.parquet [--jsonl ROWS.jsonl] [--repeat R]");
            return 2;
        }

        string output = args[2];
        string? jsonl = null;
        int repeat = 3;
        for (int i = 3; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--jsonl" when i + 1 < args.Length:
                    jsonl = args[++i];
                    break;
                case "--repeat" when i + 1 < args.Length:
                    repeat = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.Error.WriteLine($"unknown argument '{args[i]}'");
                    return 2;
            }
        }

        var sw = Stopwatch.StartNew();
        List<BlockRow> rows = BlockRowGenerator.Generate(count);
        Console.WriteLine($"generated {count:N0} rows in {sw.Elapsed.TotalSeconds:F2} s");
        if (jsonl is not null)
        {
            sw.Restart();
            long bytes = WriteJsonLines(rows, jsonl);
            Console.WriteLine($"wrote {jsonl} ({bytes / 1e6:F1} MB) in {sw.Elapsed.TotalSeconds:F2} s");
        }

        var options = new ParquetSerializerOptions { CompressionMethod = CompressionMethod.Snappy, RowGroupSize = RowGroupSize };
        using var process = Process.GetCurrentProcess();
        for (int run = 1; run <= repeat; run++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            process.Refresh();
            TimeSpan cpuStart = process.TotalProcessorTime;
            long allocatedStart = GC.GetTotalAllocatedBytes(precise: true);
            sw.Restart();
            using (var stream = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                ParquetSerializer.Serialize(rows, stream, options);
            }

            double seconds = sw.Elapsed.TotalSeconds;
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedStart;
            long size = new FileInfo(output).Length;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT side=library run={run} rows={count} seconds={seconds:F4} cpu_seconds={cpu:F4} rows_per_s={count / seconds:F0} bytes={size} allocated_mb={allocated / 1e6:F0} gc0={GC.CollectionCount(0)} gc2={GC.CollectionCount(2)}"));
        }

        return 0;
    }

    private static long WriteJsonLines(List<BlockRow> rows, string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var options = new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var writer = new Utf8JsonWriter(stream, options);
        foreach (BlockRow row in rows)
        {
            JsonSerializer.Serialize(writer, row);
            writer.Flush();
            writer.Reset();
            stream.WriteByte((byte)'\n');
        }

        writer.Flush();
        return stream.Length;
    }
}
