using ContentPipeline.Parquet.Schema;
using ContentPipeline.Parquet.Serialization;

namespace ContentPipeline.Parquet.Tests;

public class SerializerRoundTripTests
{
    internal static void AssertEqual(AllTypesRow e, AllTypesRow a)
    {
        Assert.Equal(e.Flag, a.Flag);
        Assert.Equal(e.MaybeFlag, a.MaybeFlag);
        Assert.Equal(e.Count, a.Count);
        Assert.Equal(e.MaybeCount, a.MaybeCount);
        Assert.Equal(e.Big, a.Big);
        Assert.Equal(e.MaybeBig, a.MaybeBig);
        Assert.Equal(e.Ratio, a.Ratio);
        Assert.Equal(e.MaybeRatio, a.MaybeRatio);
        Assert.Equal(e.Score, a.Score);
        Assert.Equal(e.MaybeScore, a.MaybeScore);
        Assert.Equal(e.Name, a.Name);
        Assert.Equal(e.Note, a.Note);
        Assert.Equal(e.Blob, a.Blob);
        Assert.Equal(e.Day, a.Day);
        Assert.Equal(e.MaybeDay, a.MaybeDay);
        Assert.Equal(e.When, a.When);
        Assert.Equal(DateTimeKind.Utc, a.When.Kind);
        Assert.Equal(e.MaybeWhen, a.MaybeWhen);
        Assert.Equal(e.At, a.At);
        Assert.Equal(e.Tokens, a.Tokens);
        Assert.Equal(e.MaybeTokens, a.MaybeTokens);
        Assert.Equal(e.Words, a.Words);
        Assert.Equal(e.Tags, a.Tags);
        Assert.Equal(e.Numbers, a.Numbers);
        Assert.Equal(e.MaybeNumbers, a.MaybeNumbers);
        Assert.Equal(e.Renamed, a.Renamed);
        Assert.Equal("ignored", a.Ignored);
    }

    [Theory]
    [InlineData(CompressionMethod.None)]
    [InlineData(CompressionMethod.Snappy)]
    [InlineData(CompressionMethod.Gzip)]
    [InlineData(CompressionMethod.Brotli)]
    public void AllTypesRoundTrip(CompressionMethod codec)
    {
        var rows = Enumerable.Range(0, 1000).Select(TestData.MakeAllTypes).ToList();
        var ms = new MemoryStream();
        ParquetSerializer.Serialize(rows, ms, new ParquetSerializerOptions { CompressionMethod = codec, RowGroupSize = 300 });
        ms.Position = 0;
        var back = ParquetSerializer.Deserialize<AllTypesRow>(ms).ToList();
        Assert.Equal(rows.Count, back.Count);
        for (int i = 0; i < rows.Count; i++) AssertEqual(rows[i], back[i]);
        ms.Position = 0;
        using var reader = ParquetReader.Open(ms);
        Assert.Equal(4, reader.RowGroupCount);
        Assert.All(reader.Metadata.RowGroups.SelectMany(g => g.Columns), c => Assert.Equal((int)codec, (int)c.MetaData!.Codec));
    }

    [Fact]
    public void SchemaFollowsAnnotations()
    {
        var schema = ParquetSerializer.GetSchema<AllTypesRow>();
        var names = schema.Fields.Select(f => f.Name).ToList();
        Assert.Contains("renamed_col", names);
        Assert.DoesNotContain("Ignored", names);
        Assert.DoesNotContain("ReadOnly", names);
        Assert.False(schema.Fields.Single(f => f.Name == "Name").IsNullable);
        Assert.True(schema.Fields.Single(f => f.Name == "Note").IsNullable);
        Assert.False(schema.Fields.Single(f => f.Name == "Count").IsNullable);
        Assert.True(schema.Fields.Single(f => f.Name == "MaybeCount").IsNullable);
        var tokens = Assert.IsType<ListField>(schema.Fields.Single(f => f.Name == "Tokens"), exactMatch: false);
        Assert.False(tokens.IsNullable);
        Assert.False(tokens.Item.IsNullable);
        var maybe = Assert.IsType<ListField>(schema.Fields.Single(f => f.Name == "MaybeTokens"), exactMatch: false);
        Assert.True(maybe.IsNullable);
        Assert.True(maybe.Item.IsNullable);
    }

    [Fact]
    public async Task AsyncRoundTrip()
    {
        var rows = Enumerable.Range(0, 50).Select(TestData.MakeAllTypes).ToList();
        var ms = new MemoryStream();
        await ParquetSerializer.SerializeAsync(rows, ms);
        ms.Position = 0;
        var back = await ParquetSerializer.DeserializeAsync<AllTypesRow>(ms);
        Assert.Equal(rows.Count, back.Count);
        for (int i = 0; i < rows.Count; i++) AssertEqual(rows[i], back[i]);
    }

    [Fact]
    public void EmptyInputWritesValidFile()
    {
        var ms = new MemoryStream();
        ParquetSerializer.Serialize(Array.Empty<BlockRow>(), ms);
        ms.Position = 0;
        Assert.Empty(ParquetSerializer.Deserialize<BlockRow>(ms));
        ms.Position = 0;
        using var reader = ParquetReader.Open(ms);
        Assert.Equal(0, reader.RowGroupCount);
        Assert.Equal(6, reader.Schema.GetDataFields().Length);
    }

    [Fact]
    public void RowGroupsFlushBySize()
    {
        var ms = new MemoryStream();
        var text = new string('x', 1000);
        var rows = Enumerable.Range(0, 5000).Select(i => new BlockRow { DocId = "d" + i, Text = text + i, Label = "content", Tokens = ["a"] });
        ParquetSerializer.Serialize(rows, ms, new ParquetSerializerOptions { RowGroupSizeBytes = 1 << 20 });
        ms.Position = 0;
        using var reader = ParquetReader.Open(ms);
        Assert.InRange(reader.RowGroupCount, 4, 6);
        Assert.Equal(5000, reader.RowCount);
    }

    [Fact]
    public void TwoWritersAtOnce()
    {
        var a = new MemoryStream();
        var b = new MemoryStream();
        using (var wa = ParquetSerializer.CreateWriter<BlockRow>(a))
        using (var wb = ParquetSerializer.CreateWriter<AllTypesRow>(b, new ParquetSerializerOptions { CustomMetadata = new Dictionary<string, string> { ["k"] = "v" } }))
        {
            for (int i = 0; i < 100; i++)
            {
                wa.Write(new BlockRow { DocId = "d", BlockIndex = i, Label = "x" });
                wb.Write(TestData.MakeAllTypes(i));
            }
            wa.Complete();
        }
        a.Position = 0;
        b.Position = 0;
        Assert.Equal(100, ParquetSerializer.Deserialize<BlockRow>(a).Count());
        Assert.Equal(100, ParquetSerializer.Deserialize<AllTypesRow>(b).Count());
        b.Position = 0;
        using var reader = ParquetReader.Open(b);
        Assert.Equal("v", reader.CustomMetadata["k"]);
    }

    [Fact]
    public void NullInRequiredStringThrows()
    {
        var ms = new MemoryStream();
        using var w = ParquetSerializer.CreateWriter<BlockRow>(ms);
        w.Write(new BlockRow { DocId = "a", Text = "t", Label = "l", Tokens = ["x"] });
        var ex = Assert.Throws<InvalidOperationException>(() => w.Write(new BlockRow { DocId = "b", Text = null!, Tokens = ["y"] }));
        Assert.Contains("Text", ex.Message, StringComparison.Ordinal);
        // The failed row left nothing behind: the writer goes on and the file holds the good rows.
        w.Write(new BlockRow { DocId = "c", Text = "t", Label = "l", Tokens = ["z", "w"] });
        w.Complete();
        ms.Position = 0;
        var back = ParquetSerializer.Deserialize<BlockRow>(ms).ToList();
        Assert.Equal(["a", "c"], back.Select(r => r.DocId));
        Assert.Equal(["z", "w"], back[1].Tokens);
    }

    [Fact]
    public void OutputIsByteIdenticalAcrossRuns()
    {
        byte[] Write()
        {
            var ms = new MemoryStream();
            ParquetSerializer.Serialize(Enumerable.Range(0, 3000).Select(TestData.MakeAllTypes), ms, new ParquetSerializerOptions { RowGroupSize = 1000 });
            return ms.ToArray();
        }
        Assert.Equal(Write(), Write());
    }

    [Fact]
    public void DeserializeIsLazy()
    {
        var ms = new MemoryStream();
        ParquetSerializer.Serialize(Enumerable.Range(0, 1000).Select(i => new BlockRow { DocId = "d" + i, Label = "l" }), ms,
            new ParquetSerializerOptions { RowGroupSize = 100 });
        ms.Position = 0;
        var first = ParquetSerializer.Deserialize<BlockRow>(ms).Take(150).ToList();
        Assert.Equal("d149", first[^1].DocId);
    }
}
