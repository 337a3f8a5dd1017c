using System.Text.Json.Nodes;
using ContentPipeline.Parquet.Serialization;

namespace ContentPipeline.Parquet.Tests.Interop;

/// <summary>
/// Writes <see cref="AllTypesRow"/> files with the library for every codec × {dictionary, plain}, then reads all of
/// them in ONE node process (DuckDB, hyparquet, parquet-wasm). Computed lazily on first use, so a run where the node
/// tests are skipped never touches node.
/// </summary>
public sealed class LibraryFilesFixture : IDisposable
{
    public const int RowCount = 2500;
    public const int RowGroupSize = 1000;

    public static readonly CompressionMethod[] Codecs =
        [CompressionMethod.None, CompressionMethod.Snappy, CompressionMethod.Gzip, CompressionMethod.Brotli];

    private readonly Lazy<Dictionary<string, JsonObject>> _results;

    public LibraryFilesFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "cp-parquet-interop-" + Guid.NewGuid().ToString("N")[..12]);
        _results = new Lazy<Dictionary<string, JsonObject>>(WriteAndRead, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Directory { get; }

    public List<AllTypesRow> Rows { get; } = AllTypesRow.Generate(RowCount);

    public IReadOnlyList<Dictionary<string, JsonNode?>> ExpectedCells =>
        _expected ??= Rows.Select(Canonical.Row).ToList();

    private List<Dictionary<string, JsonNode?>>? _expected;

    /// <summary>File name (e.g. "library-snappy-dict.parquet") → the node script's result for it.</summary>
    public IReadOnlyDictionary<string, JsonObject> Results => _results.Value;

    public static string FileName(CompressionMethod codec, bool dictionary) =>
        $"library-{codec.ToString().ToLowerInvariant()}-{(dictionary ? "dict" : "plain")}.parquet";

    public static IEnumerable<(string File, CompressionMethod Codec, bool Dictionary)> Files() =>
        from codec in Codecs from dictionary in new[] { true, false } select (FileName(codec, dictionary), codec, dictionary);

    private Dictionary<string, JsonObject> WriteAndRead()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var paths = new List<string>();
        foreach (var (file, codec, dictionary) in Files())
        {
            string path = Path.Combine(Directory, file);
            var options = new ParquetSerializerOptions
            {
                CompressionMethod = codec,
                RowGroupSize = RowGroupSize,
                CustomMetadata = new Dictionary<string, string> { ["written_by"] = "ContentPipeline.Parquet.Tests", ["codec"] = codec.ToString() },
                WriterOptions = new ParquetWriterOptions { UseDictionaryEncoding = dictionary },
            };
            using (var stream = File.Create(path))
            {
                ParquetSerializer.Serialize(Rows, stream, options);
            }

            paths.Add(path);
        }

        string manifest = Path.Combine(Directory, "manifest.json");
        string output = Path.Combine(Directory, "read.json");
        File.WriteAllText(manifest, new JsonObject { ["files"] = new JsonArray(paths.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()) }.ToJsonString());
        NodeInterop.RunScript("read-parquet.mjs", [manifest, output]);
        var root = JsonNode.Parse(File.ReadAllText(output))!.AsObject();
        return root["files"]!.AsArray().Select(f => f!.AsObject()).ToDictionary(f => Path.GetFileName((string)f["path"]!));
    }

    public void Dispose()
    {
        try
        {
            if (System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }
}
