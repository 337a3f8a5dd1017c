using System.Text;
using ContentPipeline.Parquet.Statistics;

namespace ContentPipeline.Parquet.Tests;

public class StatisticsTests
{
    [Fact]
    public void ShortValuesAreExact()
    {
        var v = Encoding.UTF8.GetBytes("hello");
        Assert.Equal(v, StatisticsBuilder.TruncateMin(v, 64, true, out bool e1));
        Assert.True(e1);
        Assert.Equal(v, StatisticsBuilder.TruncateMax(v, 64, true, out bool e2));
        Assert.True(e2);
    }

    [Fact]
    public void LongMinIsPrefixAndMaxIsIncrementedPrefix()
    {
        var v = Encoding.UTF8.GetBytes(new string('a', 100));
        var min = StatisticsBuilder.TruncateMin(v, 64, true, out bool minExact);
        var max = StatisticsBuilder.TruncateMax(v, 64, true, out bool maxExact);
        Assert.False(minExact);
        Assert.False(maxExact);
        Assert.Equal(new string('a', 64), Encoding.UTF8.GetString(min));
        Assert.Equal(new string('a', 63) + "b", Encoding.UTF8.GetString(max!));
        Assert.True(max.AsSpan().SequenceCompareTo(v) > 0);
    }

    [Fact]
    public void Utf8TruncationKeepsCharactersWhole()
    {
        var s = new string('中', 40); // 3 bytes each = 120 bytes
        var v = Encoding.UTF8.GetBytes(s);
        var min = StatisticsBuilder.TruncateMin(v, 64, true, out _);
        Assert.Equal(63, min.Length);
        Assert.Equal(new string('中', 21), Encoding.UTF8.GetString(min));
        var max = StatisticsBuilder.TruncateMax(v, 64, true, out _)!;
        Assert.Equal(new string('中', 20) + char.ConvertFromUtf32('中' + 1), Encoding.UTF8.GetString(max));
        Assert.True(max.AsSpan().SequenceCompareTo(v) > 0);
    }

    [Fact]
    public void MaxOfAllFfBinaryIsOmitted()
    {
        var v = Enumerable.Repeat((byte)0xFF, 100).ToArray();
        Assert.Null(StatisticsBuilder.TruncateMax(v, 64, false, out _));
        var w = Enumerable.Repeat((byte)0xFF, 100).ToArray();
        w[10] = 7;
        var max = StatisticsBuilder.TruncateMax(w, 64, false, out _)!;
        Assert.Equal(11, max.Length);
        Assert.Equal(8, max[10]);
    }

    [Fact]
    public void MaxSkipsMaximalCodePoint()
    {
        var s = new string('a', 60) + char.ConvertFromUtf32(0x10FFFF) + new string('z', 10);
        var v = Encoding.UTF8.GetBytes(s);
        var max = StatisticsBuilder.TruncateMax(v, 64, true, out _)!;
        Assert.Equal(new string('a', 59) + "b", Encoding.UTF8.GetString(max));
    }
}

public class StatisticsInFileTests
{
    [Fact]
    public void ChunkStatisticsDecodeToColumnValues()
    {
        var ms = new MemoryStream();
        var rows = Enumerable.Range(0, 500).Select(TestData.MakeAllTypes).ToList();
        Serialization.ParquetSerializer.Serialize(rows, ms);
        ms.Position = 0;
        using var reader = ParquetReader.Open(ms);
        var fields = reader.Schema.GetDataFields();
        var chunks = reader.Metadata.RowGroups[0].Columns;
        string Min(string name) => StatisticsValue.Format(fields.First(f => f.Path == name), chunks[Array.FindIndex(fields, f => f.Path == name)].MetaData!.Statistics!.MinValue);
        string Max(string name) => StatisticsValue.Format(fields.First(f => f.Path == name), chunks[Array.FindIndex(fields, f => f.Path == name)].MetaData!.Statistics!.MaxValue);
        Assert.Equal(rows.Min(r => r.Count).ToString(), Min("Count"));
        Assert.Equal(rows.Max(r => r.Count).ToString(), Max("Count"));
        Assert.Equal("name-0", Min("Name"));
        Assert.Equal("name-9", Max("Name"));
        Assert.Equal("2000-01-01", Min("Day"));
        Assert.Equal("t0", Min("Tokens.list.element"));
        Assert.Equal("t2", Max("Tokens.list.element"));
        var note = chunks[Array.FindIndex(fields, f => f.Path == "Note")].MetaData!.Statistics!;
        Assert.Equal(250, note.NullCount);
        Assert.Null(note.Min); // deprecated min/max only for signed orders
        var count = chunks[Array.FindIndex(fields, f => f.Path == "Count")].MetaData!.Statistics!;
        Assert.Equal(count.MinValue, count.Min);
        Assert.True(count.IsMinValueExact);
    }
}
