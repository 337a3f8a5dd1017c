using System.Text.Json.Serialization;
using ContentPipeline.Parquet.Serialization;

namespace ContentPipeline.Parquet.Tests;

public sealed class AllTypesRow
{
    public bool Flag { get; set; }
    public bool? MaybeFlag { get; set; }
    public int Count { get; set; }
    public int? MaybeCount { get; set; }
    public long Big { get; set; }
    public long? MaybeBig { get; set; }
    public float Ratio { get; set; }
    public float? MaybeRatio { get; set; }
    public double Score { get; set; }
    public double? MaybeScore { get; set; }
    public string Name { get; set; } = "";
    public string? Note { get; set; }
    public byte[]? Blob { get; set; }
    public DateOnly Day { get; set; }
    public DateOnly? MaybeDay { get; set; }
    public DateTime When { get; set; }
    public DateTime? MaybeWhen { get; set; }
    public DateTimeOffset At { get; set; }
    public List<string> Tokens { get; set; } = [];
    public List<string?>? MaybeTokens { get; set; }
    public string[] Words { get; set; } = [];
    public IReadOnlyList<string>? Tags { get; set; }
    public List<int> Numbers { get; set; } = [];
    public int[]? MaybeNumbers { get; set; }

    [JsonPropertyName("renamed_col")]
    public string Renamed { get; set; } = "";

    [ParquetIgnore]
    public string Ignored { get; set; } = "ignored";

    public int ReadOnly => Count * 2;
}

public sealed class BlockRow
{
    [JsonPropertyName("doc_id")]
    public string DocId { get; set; } = "";

    [JsonPropertyName("block_index")]
    public int BlockIndex { get; set; }

    public string Text { get; set; } = "";
    public string Label { get; set; } = "";
    public double Probability { get; set; }
    public List<string> Tokens { get; set; } = [];
}

internal static class TestData
{
    public static AllTypesRow MakeAllTypes(int i)
    {
        var r = new AllTypesRow
        {
            Flag = i % 2 == 0,
            MaybeFlag = i % 3 == 0 ? null : i % 2 == 1,
            Count = i * 7 - 100,
            MaybeCount = i % 4 == 0 ? null : i,
            Big = (long)i * 1_000_000_007L,
            MaybeBig = i % 5 == 0 ? null : -i,
            Ratio = i / 3f,
            MaybeRatio = i % 2 == 0 ? null : -i / 7f,
            Score = i * 0.25,
            MaybeScore = i % 3 == 1 ? null : Math.Sqrt(i),
            Name = "name-" + (i % 10),
            Note = i % 2 == 0 ? null : "note 注释 " + i + " 😀",
            Blob = i % 3 == 0 ? null : [(byte)i, 0, 255],
            Day = new DateOnly(2000, 1, 1).AddDays(i),
            MaybeDay = i % 2 == 0 ? null : new DateOnly(1969, 12, 31).AddDays(-i),
            When = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(i * 10L),
            MaybeWhen = i % 2 == 0 ? null : new DateTime(1950, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i),
            At = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
            Tokens = Enumerable.Range(0, i % 4).Select(k => "t" + k).ToList(),
            MaybeTokens = (i % 4) switch { 0 => null, 1 => [], 2 => ["a", null, "c"], _ => [null] },
            Words = i % 3 == 0 ? [] : ["w" + i, "词"],
            Tags = i % 2 == 0 ? null : ["x"],
            Numbers = Enumerable.Range(i, i % 3).ToList(),
            MaybeNumbers = i % 3 == 0 ? null : i % 3 == 1 ? [] : [int.MinValue, int.MaxValue],
            Renamed = "r" + i,
        };
        return r;
    }
}
