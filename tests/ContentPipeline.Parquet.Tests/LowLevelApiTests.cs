using ContentPipeline.Parquet.Format;
using ContentPipeline.Parquet.Schema;

namespace ContentPipeline.Parquet.Tests;

public class LowLevelApiTests
{
    [Fact]
    public async Task FlatColumnsWithNullsRoundTrip()
    {
        var id = new DataField<int>("id");
        var name = new DataField<string>("name");
        var score = new DataField<double?>("score");
        var day = new DataField("day", typeof(DateOnly), isNullable: false);
        var schema = new ParquetSchema(id, name, score, day);
        var ms = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(schema, ms, new ParquetWriterOptions { CompressionMethod = CompressionMethod.Gzip }))
        {
            writer.CustomMetadata = new Dictionary<string, string> { ["origin"] = "test" };
            using var rg = writer.CreateRowGroup();
            await rg.WriteColumnAsync(new DataColumn(id, new[] { 1, 2, 3 }));
            await rg.WriteColumnAsync(new DataColumn(name, new[] { "a", null, "c" }));
            await rg.WriteColumnAsync(new DataColumn(score, new double?[] { null, 2.5, double.NaN }));
            await rg.WriteColumnAsync(new DataColumn(day, new[] { new DateOnly(2024, 2, 29), DateOnly.MinValue, DateOnly.MaxValue }));
        }
        ms.Position = 0;
        using var reader = await ParquetReader.CreateAsync(ms);
        Assert.Equal(1, reader.RowGroupCount);
        Assert.Equal("test", reader.CustomMetadata["origin"]);
        Assert.StartsWith("contentpipeline version 0.1.0 (build ", reader.Metadata.CreatedBy);
        var fields = reader.Schema.GetDataFields();
        Assert.Equal(["id", "name", "score", "day"], fields.Select(f => f.Name));
        var rgr = reader.OpenRowGroupReader(0);
        Assert.Equal(new[] { 1, 2, 3 }, (int[])rgr.ReadColumn(fields[0]).Data);
        Assert.Equal(new[] { "a", null, "c" }, (string?[])rgr.ReadColumn(fields[1]).Data);
        var scores = (double?[])rgr.ReadColumn(fields[2]).Data;
        Assert.Null(scores[0]);
        Assert.Equal(2.5, scores[1]);
        Assert.True(double.IsNaN(scores[2]!.Value));
        Assert.Equal(new[] { new DateOnly(2024, 2, 29), DateOnly.MinValue, DateOnly.MaxValue }, (DateOnly[])rgr.ReadColumn(fields[3]).Data);
        var chunk = rgr.Metadata.Columns[0].MetaData!;
        Assert.Equal(CompressionCodec.Gzip, chunk.Codec);
        Assert.Equal(0, chunk.Statistics!.NullCount);
        Assert.Equal(BitConverter.GetBytes(1), chunk.Statistics.MinValue);
        Assert.Equal(BitConverter.GetBytes(3), chunk.Statistics.MaxValue);
        Assert.Equal(1, rgr.Metadata.Columns[1].MetaData!.Statistics!.NullCount);
        Assert.Equal([true, true, true, true], reader.Metadata.ColumnOrders!);
    }

    [Fact]
    public void ListColumnWithLevelsRoundTrip()
    {
        var tags = new ListField("tags", new DataField<string>("element"));
        var schema = new ParquetSchema(tags);
        var leaf = tags.Item;
        Assert.Equal(3, leaf.MaxDefinitionLevel);
        Assert.Equal(1, leaf.MaxRepetitionLevel);
        // rows: ["a","b"], null, [], [null], ["c"]
        var data = new[] { "a", "b", null, null, null, "c" };
        var def = new[] { 3, 3, 0, 1, 2, 3 };
        var rep = new[] { 0, 1, 0, 0, 0, 0 };
        var ms = new MemoryStream();
        using (var writer = ParquetWriter.Create(schema, ms))
        using (var rg = writer.CreateRowGroup())
            rg.WriteColumn(new DataColumn(leaf, data, def, rep));
        ms.Position = 0;
        using var reader = ParquetReader.Open(ms);
        var list = Assert.IsType<ListField>(reader.Schema.Fields[0]);
        var col = reader.OpenRowGroupReader(0).ReadColumn(list.Item);
        Assert.Equal(5, reader.OpenRowGroupReader(0).RowCount);
        Assert.Equal(data, (string?[])col.Data);
        Assert.Equal(def, col.DefinitionLevels);
        Assert.Equal(rep, col.RepetitionLevels);
        Assert.Equal(["tags", "list", "element"], reader.Metadata.RowGroups[0].Columns[0].MetaData!.PathInSchema);
    }

    [Fact]
    public void DictionaryFallbackMixesEncodingsInOneChunk()
    {
        var field = new DataField<string>("s", isNullable: false);
        var schema = new ParquetSchema(field);
        // First page: few distinct values (dictionary); later pages: all distinct, dictionary outgrows its limit.
        var values = Enumerable.Range(0, 20000).Select(i => i < 5000 ? "v" + (i % 10) : "unique-" + i + new string('x', 50)).ToArray();
        var ms = new MemoryStream();
        var options = new ParquetWriterOptions { DataPageSize = 4096, DictionaryPageSizeLimit = 64 * 1024 };
        using (var writer = ParquetWriter.Create(schema, ms, options))
        using (var rg = writer.CreateRowGroup())
            rg.WriteColumn(new DataColumn(field, values));
        ms.Position = 0;
        using var reader = ParquetReader.Open(ms);
        var meta = reader.Metadata.RowGroups[0].Columns[0].MetaData!;
        Assert.Contains(ParquetEncoding.RleDictionary, meta.Encodings);
        Assert.Contains(meta.EncodingStats!, s => s.PageType == PageType.DataPage && s.Encoding == ParquetEncoding.Plain);
        Assert.NotNull(meta.DictionaryPageOffset);
        Assert.Equal(values, (string[])reader.OpenRowGroupReader(0).ReadColumn(reader.Schema.GetDataFields()[0]).Data);
    }

    [Fact]
    public void HighCardinalityColumnSkipsDictionary()
    {
        var field = new DataField<string>("s", isNullable: false);
        var values = Enumerable.Range(0, 5000).Select(i => "unique-" + i).ToArray();
        var ms = new MemoryStream();
        using (var writer = ParquetWriter.Create(new ParquetSchema(field), ms))
        using (var rg = writer.CreateRowGroup())
            rg.WriteColumn(new DataColumn(field, values));
        ms.Position = 0;
        using var reader = ParquetReader.Open(ms);
        var meta = reader.Metadata.RowGroups[0].Columns[0].MetaData!;
        Assert.Null(meta.DictionaryPageOffset);
        Assert.DoesNotContain(ParquetEncoding.RleDictionary, meta.Encodings);
    }

    [Fact]
    public void WrongColumnOrderAndMissingColumnsAreRejected()
    {
        var a = new DataField<int>("a");
        var b = new DataField<int>("b");
        var ms = new MemoryStream();
        using var writer = ParquetWriter.Create(new ParquetSchema(a, b), ms);
        var rg = writer.CreateRowGroup();
        Assert.Throws<InvalidOperationException>(() => rg.WriteColumn(new DataColumn(b, new[] { 1 })));
        rg.WriteColumn(new DataColumn(a, new[] { 1 }));
        Assert.Throws<InvalidOperationException>(() => rg.Dispose());
    }

    [Fact]
    public void NotParquetIsRejected()
    {
        var ex = Assert.Throws<ParquetFormatException>(() => ParquetReader.Open(new MemoryStream("hello world, not parquet"u8.ToArray())));
        Assert.Contains("PAR1", ex.Message);
        Assert.Throws<ParquetFormatException>(() => ParquetReader.Open(new MemoryStream(new byte[3])));
    }
}
