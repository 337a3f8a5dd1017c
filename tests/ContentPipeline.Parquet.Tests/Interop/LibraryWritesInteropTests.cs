using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace ContentPipeline.Parquet.Tests.Interop;

/// <summary>
/// (a) files written by the library, every type × codec × {dictionary, plain}, read back cell by cell by DuckDB,
/// hyparquet and parquet-wasm; (c) their column-chunk statistics as DuckDB's parquet_metadata() reports them.
/// </summary>
public sealed partial class LibraryWritesInteropTests(LibraryFilesFixture fixture, ITestOutputHelper output)
    : IClassFixture<LibraryFilesFixture>
{
    public static readonly string[] Readers = ["duckdb", "hyparquet", "wasm"];

    public static TheoryData<string, string> FilesAndReaders()
    {
        var data = new TheoryData<string, string>();
        foreach (var (file, _, _) in LibraryFilesFixture.Files())
        {
            foreach (string reader in Readers)
            {
                data.Add(file, reader);
            }
        }

        return data;
    }

    public static TheoryData<string> FileNames()
    {
        var data = new TheoryData<string>();
        foreach (var (file, _, _) in LibraryFilesFixture.Files())
        {
            data.Add(file);
        }

        return data;
    }

    private JsonObject Result(string file) =>
        fixture.Results.TryGetValue(file, out JsonObject? r) ? r : throw new KeyNotFoundException($"{file} was not read by the node script");

    [NodeTheory]
    [MemberData(nameof(FilesAndReaders))]
    public void Every_cell_reads_back_identically(string file, string reader)
    {
        JsonObject read = Result(file)[reader]!.AsObject();
        Assert.False(read.ContainsKey("error"), $"{reader} could not read {file}:\n{read["error"]}");
        List<string> problems = Canonical.Diff(fixture.ExpectedCells, read["rows"]!.AsArray(), $"{reader} {file}");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [NodeTheory]
    [MemberData(nameof(FileNames))]
    public void Footer_records_rows_row_groups_codec_encodings_and_metadata(string file)
    {
        var (_, codec, dictionary) = LibraryFilesFixture.Files().Single(f => f.File == file);
        JsonObject result = Result(file);
        Assert.False(result.ContainsKey("metadataError"), $"{result["metadataError"]}");

        JsonObject meta = result["file"]!.AsObject();
        Assert.Equal(LibraryFilesFixture.RowCount.ToString(CultureInfo.InvariantCulture), (string?)meta["num_rows"]);
        int expectedGroups = (LibraryFilesFixture.RowCount + LibraryFilesFixture.RowGroupSize - 1) / LibraryFilesFixture.RowGroupSize;
        Assert.Equal(expectedGroups.ToString(CultureInfo.InvariantCulture), (string?)meta["num_row_groups"]);

        var kv = result["kv"]!.AsArray().ToDictionary(e => (string)e!["key"]!, e => (string?)e!["value"]);
        Assert.Equal("ContentPipeline.Parquet.Tests", kv.GetValueOrDefault("written_by"));

        string expectedCodec = codec == CompressionMethod.None ? "UNCOMPRESSED" : codec.ToString().ToUpperInvariant();
        var chunks = result["metadata"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.NotEmpty(chunks);
        Assert.All(chunks, c => Assert.Equal(expectedCodec, (string?)c["compression"]));

        // Low-cardinality strings are dictionary-encoded only when dictionaries are on.
        var label = chunks.Where(c => (string?)c["path_in_schema"] == "label").ToList();
        Assert.Equal(expectedGroups, label.Count);
        foreach (JsonObject chunk in label)
        {
            string encodings = (string?)chunk["encodings"] ?? "";
            output.WriteLine($"{file} rg {chunk["row_group_id"]} label encodings: {encodings}");
            Assert.Equal(dictionary, encodings.Contains("DICTIONARY", StringComparison.Ordinal));
        }

        if (!dictionary)
        {
            Assert.All(chunks, c => Assert.DoesNotContain("DICTIONARY", (string?)c["encodings"] ?? ""));
        }
    }

    [NodeTheory]
    [MemberData(nameof(FileNames))]
    public void Statistics_match_the_values_of_each_column_chunk(string file)
    {
        JsonObject result = Result(file);
        Assert.False(result.ContainsKey("metadataError"), $"{result["metadataError"]}");
        var chunks = result["metadata"]!.AsArray().Select(c => c!.AsObject()).ToList();
        var properties = Canonical.Columns<AllTypesRow>().ToDictionary(c => c.Name, c => c.Property);

        var rowGroupStart = new Dictionary<string, int>();
        int start = 0;
        foreach (var group in chunks.GroupBy(c => (string)c["row_group_id"]!).OrderBy(g => int.Parse(g.Key, CultureInfo.InvariantCulture)))
        {
            rowGroupStart[group.Key] = start;
            start += int.Parse((string)group.First()["row_group_num_rows"]!, CultureInfo.InvariantCulture);
        }

        Assert.Equal(LibraryFilesFixture.RowCount, start);
        var problems = new List<string>();
        int truncatedStrings = 0;
        foreach (JsonObject chunk in chunks)
        {
            string path = (string)chunk["path_in_schema"]!;
            string column = path.Split(", ")[0];
            string physical = (string)chunk["type"]!;
            int first = rowGroupStart[(string)chunk["row_group_id"]!];
            int count = int.Parse((string)chunk["row_group_num_rows"]!, CultureInfo.InvariantCulture);
            string where = $"{file} row group {chunk["row_group_id"]} column {path}";
            var property = properties[column];

            // The leaf values of this chunk, and its nulls (null values, null lists, null elements, empty lists).
            var values = new List<object>();
            int nulls = 0;
            int emptyLists = 0;
            Type leafType = property.PropertyType;
            foreach (AllTypesRow row in fixture.Rows.Skip(first).Take(count))
            {
                object? v = property.GetValue(row);
                if (v is IEnumerable list and not string and not byte[])
                {
                    int n = 0;
                    foreach (object? e in list)
                    {
                        n++;
                        if (e is null) nulls++;
                        else values.Add(e);
                    }

                    if (n == 0) emptyLists++;
                }
                else if (v is null)
                {
                    nulls++;
                }
                else
                {
                    values.Add(v);
                }
            }

            if (leafType.IsGenericType && leafType.GetGenericTypeDefinition() == typeof(List<>))
            {
                leafType = leafType.GetGenericArguments()[0];
            }

            leafType = Nullable.GetUnderlyingType(leafType) ?? leafType;

            long? nullCount = chunk["stats_null_count"] is { } nc ? long.Parse((string)nc!, CultureInfo.InvariantCulture) : null;
            if (nullCount != nulls && nullCount != nulls + emptyLists)
            {
                problems.Add($"{where}: null_count {nullCount?.ToString(CultureInfo.InvariantCulture) ?? "absent"}, values imply {nulls} (or {nulls + emptyLists} counting empty lists)");
            }

            var keyed = values.Select(v => Key(v, leafType)).Where(k => k is not double d || !double.IsNaN(d)).ToList();
            string? minText = (string?)chunk["stats_min_value"];
            string? maxText = (string?)chunk["stats_max_value"];
            if (keyed.Count == 0)
            {
                continue;
            }

            if (minText is null || maxText is null)
            {
                problems.Add($"{where}: min/max absent for {keyed.Count} non-null values");
                continue;
            }

            object expectedMin = keyed.Min(KeyComparer.Instance)!;
            object expectedMax = keyed.Max(KeyComparer.Instance)!;
            object min = ParseStat(minText, leafType, physical);
            object max = ParseStat(maxText, leafType, physical);
            if (min is byte[] minBytes && max is byte[] maxBytes)
            {
                var eMin = (byte[])expectedMin;
                var eMax = (byte[])expectedMax;
                bool minExact = minBytes.AsSpan().SequenceEqual(eMin);
                bool maxExact = maxBytes.AsSpan().SequenceEqual(eMax);
                if (!minExact || !maxExact)
                {
                    truncatedStrings++;
                }

                // Exact, or a proper truncation: min a prefix of the true min, max a shorter value that still bounds it.
                if (!minExact && !(minBytes.Length < eMin.Length && eMin.AsSpan().StartsWith(minBytes)))
                {
                    problems.Add($"{where}: min {Show(minBytes, leafType)} is neither {Show(eMin, leafType)} nor a prefix of it");
                }

                if (!maxExact && !(maxBytes.Length < eMax.Length && KeyComparer.Instance.Compare(maxBytes, eMax) > 0))
                {
                    problems.Add($"{where}: max {Show(maxBytes, leafType)} is neither {Show(eMax, leafType)} nor a shorter upper bound of it");
                }

                if (chunk["min_is_exact"] is JsonValue me && me.GetValue<bool>() != minExact)
                {
                    problems.Add($"{where}: is_min_value_exact says {me} but the min is {(minExact ? "exact" : "truncated")}");
                }

                if (chunk["max_is_exact"] is JsonValue xe && xe.GetValue<bool>() != maxExact)
                {
                    problems.Add($"{where}: is_max_value_exact says {xe} but the max is {(maxExact ? "exact" : "truncated")}");
                }

                if ((eMin.Length <= 32 && !minExact) || (eMax.Length <= 32 && !maxExact))
                {
                    problems.Add($"{where}: short value truncated (min {Show(minBytes, leafType)}, max {Show(maxBytes, leafType)})");
                }
            }
            else
            {
                if (KeyComparer.Instance.Compare(min, expectedMin) != 0)
                {
                    problems.Add($"{where}: min {minText} but the values' min is {expectedMin}");
                }

                if (KeyComparer.Instance.Compare(max, expectedMax) != 0)
                {
                    problems.Add($"{where}: max {maxText} but the values' max is {expectedMax}");
                }
            }
        }

        output.WriteLine($"{file}: {chunks.Count} column chunks checked, {truncatedStrings} with truncated string statistics");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        // s_long's values are 100–300 characters: its statistics must have been truncated somewhere.
        Assert.True(truncatedStrings > 0, "expected truncated statistics for the long strings of s_long");
    }

    private static string Show(byte[] bytes, Type type) =>
        type == typeof(string) ? '"' + System.Text.Encoding.UTF8.GetString(bytes) + '"' : Convert.ToHexStringLower(bytes);

    /// <summary>A value as a comparable key: long, double or byte[] (unsigned lexicographic), as Parquet orders them.</summary>
    private static object Key(object value, Type type) => value switch
    {
        bool b => b ? 1L : 0L,
        int i => (long)i,
        long l => l,
        float f => (double)f,
        double d => d,
        string s => Canonical.Utf8(s),
        byte[] bytes => bytes,
        DateOnly d => (long)(d.DayNumber - new DateOnly(1970, 1, 1).DayNumber),
        DateTime t => (t.Ticks - DateTime.UnixEpoch.Ticks) / 10,
        _ => throw new NotSupportedException($"{type}"),
    };

    /// <summary>Parses DuckDB's text form of a statistic into the same key as <see cref="Key"/>.</summary>
    private static object ParseStat(string text, Type type, string physical)
    {
        if (type == typeof(bool)) return text == "true" ? 1L : text == "false" ? 0L : throw new FormatException(text);
        if (type == typeof(int) || type == typeof(long)) return long.Parse(text, CultureInfo.InvariantCulture);
        if (type == typeof(float)) return (double)(float)ParseDouble(text);
        if (type == typeof(double)) return ParseDouble(text);
        if (type == typeof(string)) return Canonical.Utf8(text);
        if (type == typeof(byte[])) return Convert.FromHexString(text); // read-parquet.mjs turns DuckDB's \x escapes into hex
        if (type == typeof(DateOnly))
        {
            Match m = DatePattern().Match(text);
            if (!m.Success) throw new FormatException($"DATE statistic '{text}' ({physical})");
            var d = new DateOnly(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
            return (long)(d.DayNumber - new DateOnly(1970, 1, 1).DayNumber);
        }

        if (type == typeof(DateTime))
        {
            Match m = TimestampPattern().Match(text);
            if (!m.Success) throw new FormatException($"TIMESTAMP statistic '{text}' ({physical})");
            int G(int g) => int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
            var t = new DateTime(G(1), G(2), G(3), G(4), G(5), G(6), DateTimeKind.Utc);
            long micros = (t.Ticks - DateTime.UnixEpoch.Ticks) / 10;
            if (m.Groups[7].Success)
            {
                micros += long.Parse(m.Groups[7].Value.PadRight(6, '0'), CultureInfo.InvariantCulture);
            }

            return micros;
        }

        throw new NotSupportedException($"{type}");
    }

    private static double ParseDouble(string text) => text.ToLowerInvariant() switch
    {
        "inf" or "infinity" => double.PositiveInfinity,
        "-inf" or "-infinity" => double.NegativeInfinity,
        "nan" or "-nan" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^(\d{1,4})-(\d{2})-(\d{2})$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^(\d{1,4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?:\+00(?::00)?|Z)?$")]
    private static partial Regex TimestampPattern();

    private sealed class KeyComparer : IComparer<object>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (byte[] a, byte[] b) => a.AsSpan().SequenceCompareTo(b),
            (long a, long b) => a.CompareTo(b),
            (double a, double b) => a == b ? 0 : a.CompareTo(b), // -0 == +0
            _ => throw new ArgumentException($"cannot compare {x?.GetType()} with {y?.GetType()}"),
        };
    }
}
