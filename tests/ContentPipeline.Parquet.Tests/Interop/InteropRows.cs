using System.Text;
using System.Text.Json.Serialization;

namespace ContentPipeline.Parquet.Tests.Interop;

/// <summary>Every type the library writes, required and optional, as the other readers see it.</summary>
public sealed class AllTypesRow
{
    [JsonPropertyName("id")] public int Id { get; set; }
    [JsonPropertyName("b_req")] public bool BoolRequired { get; set; }
    [JsonPropertyName("b_opt")] public bool? BoolOptional { get; set; }
    [JsonPropertyName("i32_req")] public int Int32Required { get; set; }
    [JsonPropertyName("i32_opt")] public int? Int32Optional { get; set; }
    [JsonPropertyName("i64_req")] public long Int64Required { get; set; }
    [JsonPropertyName("i64_opt")] public long? Int64Optional { get; set; }
    [JsonPropertyName("f32_req")] public float FloatRequired { get; set; }
    [JsonPropertyName("f32_opt")] public float? FloatOptional { get; set; }
    [JsonPropertyName("f64_req")] public double DoubleRequired { get; set; }
    [JsonPropertyName("f64_opt")] public double? DoubleOptional { get; set; }
    [JsonPropertyName("s_req")] public string StringRequired { get; set; } = "";
    [JsonPropertyName("s_opt")] public string? StringOptional { get; set; }
    [JsonPropertyName("s_long")] public string StringLong { get; set; } = "";
    [JsonPropertyName("label")] public string Label { get; set; } = "";
    [JsonPropertyName("bin_req")] public byte[] BinaryRequired { get; set; } = [];
    [JsonPropertyName("bin_opt")] public byte[]? BinaryOptional { get; set; }
    [JsonPropertyName("date_req")] public DateOnly DateRequired { get; set; }
    [JsonPropertyName("date_opt")] public DateOnly? DateOptional { get; set; }
    [JsonPropertyName("ts_req")] public DateTime TimestampRequired { get; set; }
    [JsonPropertyName("ts_opt")] public DateTime? TimestampOptional { get; set; }
    [JsonPropertyName("list_str")] public List<string?>? ListOfStrings { get; set; }
    [JsonPropertyName("list_int")] public List<int>? ListOfInts { get; set; }

    /// <summary>
    /// Deterministic rows with the awkward cases: nulls, extremes, NaN and infinities, empty strings, binaries and
    /// lists, null list elements, multi-byte UTF-8, strings far over 64 bytes (statistics truncation), dates and
    /// timestamps at the ends of their ranges and before 1970.
    /// </summary>
    public static List<AllTypesRow> Generate(int count)
    {
        var rows = new List<AllTypesRow>(count);
        var epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < count; i++)
        {
            rows.Add(new AllTypesRow
            {
                Id = i,
                BoolRequired = i % 2 == 0,
                BoolOptional = i % 7 == 0 ? null : i % 3 == 0,
                Int32Required = (i % 50) switch { 3 => int.MinValue, 4 => int.MaxValue, _ => (i * 7919) % 100_000 - 50_000 },
                Int32Optional = i % 4 == 0 ? null : (i * 31) % 1000 - 500,
                Int64Required = (i % 50) switch { 5 => long.MinValue, 6 => long.MaxValue, _ => i * 1_234_567_890_123L - 1_000_000_000_000_000L },
                Int64Optional = i % 5 == 0 ? null : (long)(i * 9_007_199_254_740_993m % 100_000_000_000_000_000m),
                FloatRequired = (i % 100) switch
                {
                    7 => float.PositiveInfinity, 8 => float.NegativeInfinity, 9 => float.MaxValue, 10 => float.Epsilon,
                    _ => i * 0.37f - 100f,
                },
                FloatOptional = i % 6 == 0 ? null : i % 100 == 13 ? float.NaN : i / 7f,
                DoubleRequired = (i % 100) switch
                {
                    7 => double.PositiveInfinity, 8 => double.NegativeInfinity, 9 => double.MaxValue, 10 => double.Epsilon,
                    _ => i * 0.1 - 77.7,
                },
                DoubleOptional = i % 6 == 1 ? null : i % 100 == 13 ? double.NaN : 1.0 / (i + 1),
                StringRequired = (i % 6) switch
                {
                    0 => "",
                    1 => $"héllo 中文 {i}",
                    2 => new string('长', 30) + i,
                    3 => $"label-{i % 3}",
                    4 => "emoji 😀 " + i,
                    _ => "word" + i,
                },
                StringOptional = i % 3 == 0 ? null : $"opt-{i % 11} 标签",
                StringLong = LongString(i),
                Label = i % 3 == 0 ? "content" : "boilerplate",
                BinaryRequired = [0x00, 0xFF, .. Encoding.ASCII.GetBytes("x" + i)],
                BinaryOptional = (i % 4) switch { 2 => null, 1 => [], _ => Encoding.ASCII.GetBytes("b" + (i % 13)) },
                DateRequired = (i % 50) switch
                {
                    9 => DateOnly.MinValue,
                    10 => DateOnly.MaxValue,
                    _ => DateOnly.FromDayNumber(new DateOnly(1970, 1, 1).DayNumber + i * 37 - 20_000),
                },
                DateOptional = i % 5 == 3 ? null : new DateOnly(2024, 2, 29).AddDays(i % 400),
                TimestampRequired = (i % 50) switch
                {
                    11 => new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                    12 => new DateTime(9999, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_990),
                    _ => epoch.AddTicks((i * 1_234_567_890_123L - 500_000_000_000_000L) * 10),
                },
                TimestampOptional = i % 5 == 4 ? null : epoch.AddTicks((1_700_000_000_000_000L + i * 1_000_001L) * 10),
                ListOfStrings = (i % 5) switch
                {
                    0 => null,
                    1 => [],
                    2 => ["a", null, ""],
                    _ => ["w" + i, "中" + (i % 10)],
                },
                ListOfInts = (i % 4) switch
                {
                    0 => null,
                    1 => [],
                    2 => [i, int.MinValue, -i],
                    _ => [i],
                },
            });
        }

        return rows;
    }

    /// <summary>100–300 characters, multi-byte, so that min and max are both long (truncated statistics).</summary>
    private static string LongString(int i)
    {
        char first = (char)('a' + i % 26);
        int length = 100 + (i * 37) % 200;
        var sb = new StringBuilder(length);
        sb.Append(first);
        while (sb.Length < length)
        {
            sb.Append(i % 2 == 0 ? "段落" : "text ");
            sb.Append(i % 10);
        }

        return sb.ToString(0, length);
    }
}

/// <summary>The columns of the DuckDB-written golden files (DuckDB writes every column OPTIONAL).</summary>
public sealed class DuckDbRow
{
    [JsonPropertyName("id")] public int? Id { get; set; }
    [JsonPropertyName("b_req")] public bool? BoolRequired { get; set; }
    [JsonPropertyName("b_opt")] public bool? BoolOptional { get; set; }
    [JsonPropertyName("i32_req")] public int? Int32Required { get; set; }
    [JsonPropertyName("i32_opt")] public int? Int32Optional { get; set; }
    [JsonPropertyName("i64_req")] public long? Int64Required { get; set; }
    [JsonPropertyName("i64_opt")] public long? Int64Optional { get; set; }
    [JsonPropertyName("f32_req")] public float? FloatRequired { get; set; }
    [JsonPropertyName("f32_opt")] public float? FloatOptional { get; set; }
    [JsonPropertyName("f64_req")] public double? DoubleRequired { get; set; }
    [JsonPropertyName("f64_opt")] public double? DoubleOptional { get; set; }
    [JsonPropertyName("s_req")] public string? StringRequired { get; set; }
    [JsonPropertyName("s_opt")] public string? StringOptional { get; set; }
    [JsonPropertyName("label")] public string? Label { get; set; }
    [JsonPropertyName("bin_req")] public byte[]? BinaryRequired { get; set; }
    [JsonPropertyName("bin_opt")] public byte[]? BinaryOptional { get; set; }
    [JsonPropertyName("date_req")] public DateOnly? DateRequired { get; set; }
    [JsonPropertyName("date_opt")] public DateOnly? DateOptional { get; set; }
    [JsonPropertyName("ts_req")] public DateTime? TimestampRequired { get; set; }
    [JsonPropertyName("ts_opt")] public DateTime? TimestampOptional { get; set; }
    [JsonPropertyName("tstz_opt")] public DateTime? TimestampUtcOptional { get; set; }
    [JsonPropertyName("list_str")] public List<string?>? ListOfStrings { get; set; }
    [JsonPropertyName("list_int")] public List<int>? ListOfInts { get; set; }
}
