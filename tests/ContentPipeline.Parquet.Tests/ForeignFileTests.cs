using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using ContentPipeline.Parquet.Serialization;

namespace ContentPipeline.Parquet.Tests;

/// <summary>
/// Data/duckdb-v2-snappy.parquet: 300 rows written by DuckDB 1.5.6 with PARQUET_VERSION V2 (data pages v2,
/// DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, BYTE_STREAM_SPLIT, RLE_DICTIONARY), three row groups:
/// <c>SELECT i::INT i32, i*1000003 i64, i/8.0 d, (i/4.0)::FLOAT f, CASE i%5=0 NULL ELSE 'str-'||(i%37) s, 'uniq'||i u,
/// CASE i%4 0 NULL, 1 [], else ['a'||(i%3),'b'] l, DATE '2020-01-01'+i dt, i%2=0 b FROM range(300)</c>.
/// </summary>
public class ForeignFileTests
{
    public sealed class DuckRow
    {
        [JsonPropertyName("i32")] public int? I32 { get; set; }
        [JsonPropertyName("i64")] public long? I64 { get; set; }
        [JsonPropertyName("d")] public double? D { get; set; }
        [JsonPropertyName("f")] public float? F { get; set; }
        [JsonPropertyName("s")] public string? S { get; set; }
        [JsonPropertyName("u")] public string? U { get; set; }
        [JsonPropertyName("l")] public List<string?>? L { get; set; }
        [JsonPropertyName("dt")] public DateOnly? Dt { get; set; }
        [JsonPropertyName("b")] public bool? B { get; set; }
    }

    internal static string DataFile(string name, [CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Data", name);

    [Fact]
    public void DuckDbV2FileReadsCellByCell()
    {
        using var fs = File.OpenRead(DataFile("duckdb-v2-snappy.parquet"));
        var rows = ParquetSerializer.Deserialize<DuckRow>(fs).ToList();
        Assert.Equal(300, rows.Count);
        for (int i = 0; i < 300; i++)
        {
            var r = rows[i];
            Assert.Equal(i, r.I32);
            Assert.Equal(i * 1000003L, r.I64);
            Assert.Equal(i / 8.0, r.D);
            Assert.Equal(i / 4.0f, r.F);
            Assert.Equal(i % 5 == 0 ? null : "str-" + (i % 37), r.S);
            Assert.Equal("uniq" + i, r.U);
            List<string?>? expected = (i % 4) switch { 0 => null, 1 => [], _ => ["a" + (i % 3), "b"] };
            Assert.Equal(expected, r.L);
            Assert.Equal(new DateOnly(2020, 1, 1).AddDays(i), r.Dt);
            Assert.Equal(i % 2 == 0, r.B);
        }
    }

    [Fact]
    public void MutatedDuckDbV2FileFailsCleanly()
    {
        var original = File.ReadAllBytes(DataFile("duckdb-v2-snappy.parquet"));
        var random = new Random(42);
        for (int i = 0; i < 1500; i++)
        {
            var b = (byte[])original.Clone();
            int kind = random.Next(3);
            if (kind == 0) b = b.AsSpan(0, random.Next(b.Length)).ToArray();
            else
                for (int k = random.Next(1, 4); k > 0; k--)
                {
                    int p = random.Next(b.Length);
                    if (kind == 1) b[p] ^= (byte)(1 << random.Next(8));
                    else b[p] = (byte)random.Next(256);
                }
            try
            {
                using var reader = ParquetReader.Open(new MemoryStream(b));
                for (int g = 0; g < reader.RowGroupCount; g++)
                    foreach (var f in reader.Schema.GetDataFields()) reader.OpenRowGroupReader(g).ReadColumn(f);
            }
            catch (ParquetFormatException)
            {
            }
            catch (Exception ex)
            {
                Assert.Fail($"iteration {i}: {ex.GetType().Name} escaped: {ex}");
            }
        }
    }
}
