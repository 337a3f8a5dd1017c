using System.Text.Json.Nodes;
using ContentPipeline.Parquet.Serialization;

namespace ContentPipeline.Parquet.Tests.Interop;

/// <summary>
/// (b) files written by DuckDB (every type, UNCOMPRESSED/SNAPPY/GZIP, dictionary and plain pages as DuckDB chooses)
/// read by the library and compared cell by cell with the values DuckDB wrote.
/// The golden copies in Interop/Golden need no node; the node test regenerates them with the DuckDB installed in
/// tests/interop/node_modules, so a change in DuckDB's writer shows up too. README: tests/interop/README.md.
/// </summary>
public sealed class DuckDbWrittenFilesTests
{
    public static readonly TheoryData<string> Codecs = new() { "uncompressed", "snappy", "gzip" };

    public static string GoldenDirectory { get; } =
        Path.Combine(Path.GetDirectoryName(NodeInterop.InteropDirectory)!, "ContentPipeline.Parquet.Tests", "Interop", "Golden");

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Golden_file_reads_cell_by_cell(string codec) => AssertReadsAsExpected(GoldenDirectory, codec);

    [NodeFact]
    public void Files_written_now_by_the_installed_DuckDB_read_cell_by_cell()
    {
        string dir = Path.Combine(Path.GetTempPath(), "cp-parquet-duckdb-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            NodeInterop.RunScript("write-duckdb.mjs", [dir]);
            foreach (string codec in new[] { "uncompressed", "snappy", "gzip" })
            {
                AssertReadsAsExpected(dir, codec);
            }
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static void AssertReadsAsExpected(string directory, string codec)
    {
        string file = Path.Combine(directory, $"duckdb-{codec}.parquet");
        JsonObject expected = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "expected.json")))!.AsObject();
        JsonArray expectedRows = expected["rows"]!.AsArray();

        List<DuckDbRow> rows;
        using (var stream = File.OpenRead(file))
        {
            rows = ParquetSerializer.Deserialize<DuckDbRow>(stream).ToList();
        }

        // Every column DuckDB wrote must be one this test reads (so a new column cannot go unchecked).
        var columns = Canonical.Columns<DuckDbRow>().Select(c => c.Name).ToHashSet();
        Assert.All(expected["columns"]!.AsArray(), c => Assert.Contains((string)c!["name"]!, columns));

        var actual = new JsonArray(rows.Select(r => (JsonNode?)new JsonObject(Canonical.Row(r))).ToArray());
        var expectedCells = expectedRows
            .Select(r => r!.AsObject().ToDictionary(p => p.Key, p => p.Value?.DeepClone()))
            .ToList();
        List<string> problems = Canonical.Diff(expectedCells, actual, $"library reading {Path.GetFileName(file)} (DuckDB {expected["duckdb_version"]})");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }
}
