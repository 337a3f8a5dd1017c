using ContentPipeline.Parquet.Encodings;
using ContentPipeline.Parquet.Format;
using ContentPipeline.Parquet.Thrift;

namespace ContentPipeline.Parquet.Tests;

/// <summary>
/// Files assembled page by page from the spec's structures, to cover what this library's writer never emits:
/// data page v2 (levels outside the compressed part, is_compressed false), PLAIN_DICTIONARY, several pages per chunk.
/// </summary>
public class HandBuiltFileTests
{
    private sealed class FileBuilder
    {
        private readonly MemoryStream _ms = new();
        private readonly CompressionCodec _codec;

        public FileBuilder(CompressionCodec codec)
        {
            _codec = codec;
            _ms.Write("PAR1"u8);
        }

        public long Position => _ms.Position;

        public void Page(PageHeader header, byte[] uncompressedBody, bool compress = true, int levelPrefix = 0)
        {
            using var compressed = new ByteBuffer();
            compressed.Write(uncompressedBody.AsSpan(0, levelPrefix));
            if (compress) global::ContentPipeline.Parquet.Compression.CompressionCodecs.Compress(_codec, uncompressedBody.AsSpan(levelPrefix), compressed);
            else compressed.Write(uncompressedBody.AsSpan(levelPrefix));
            header.UncompressedPageSize = uncompressedBody.Length;
            header.CompressedPageSize = compressed.Length;
            using var w = new CompactProtocolWriter();
            header.Write(w);
            _ms.Write(w.WrittenSpan);
            _ms.Write(compressed.WrittenSpan);
        }

        public byte[] Finish(FileMetaData meta)
        {
            using var w = new CompactProtocolWriter();
            meta.Write(w);
            _ms.Write(w.WrittenSpan);
            _ms.Write(BitConverter.GetBytes(w.Length));
            _ms.Write("PAR1"u8);
            return _ms.ToArray();
        }
    }

    private static byte[] Levels(int[] levels, int bitWidth)
    {
        using var b = new ByteBuffer();
        RleBitPackedHybrid.Encode(levels, bitWidth, b);
        return b.WrittenSpan.ToArray();
    }

    [Theory]
    [InlineData(CompressionCodec.Snappy, true)]
    [InlineData(CompressionCodec.Gzip, false)]
    [InlineData(CompressionCodec.Uncompressed, true)]
    public void DictionaryPlusDataPagesV2(CompressionCodec codec, bool isCompressed)
    {
        // optional int32 column "x": rows 10, null, 20, 10 | 30, null  (two v2 pages), dictionary [10, 20, 30].
        var fb = new FileBuilder(codec);
        long dictOffset = fb.Position;
        fb.Page(new PageHeader { Type = PageType.DictionaryPage, DictionaryPageHeader = new DictionaryPageHeader { NumValues = 3, Encoding = ParquetEncoding.PlainDictionary } },
            [.. BitConverter.GetBytes(10), .. BitConverter.GetBytes(20), .. BitConverter.GetBytes(30)]);
        long dataOffset = fb.Position;
        foreach (var (defs, idx) in new[] { (new[] { 1, 0, 1, 1 }, new[] { 0, 1, 0 }), (new[] { 1, 0 }, new[] { 2 }) })
        {
            var def = Levels(defs, 1);
            byte[] values = [2, .. Levels(idx, 2)];
            fb.Page(new PageHeader
            {
                Type = PageType.DataPageV2,
                DataPageHeaderV2 = new DataPageHeaderV2
                {
                    NumValues = defs.Length, NumNulls = defs.Count(d => d == 0), NumRows = defs.Length, Encoding = ParquetEncoding.RleDictionary,
                    DefinitionLevelsByteLength = def.Length, RepetitionLevelsByteLength = 0, IsCompressed = isCompressed,
                },
            }, [.. def, .. values], compress: isCompressed, levelPrefix: def.Length);
        }
        long end = fb.Position;
        var meta = new FileMetaData
        {
            Schema = [new SchemaElement { Name = "schema", NumChildren = 1 }, new SchemaElement { Name = "x", Type = PhysicalType.Int32, RepetitionType = FieldRepetitionType.Optional }],
            NumRows = 6,
            RowGroups =
            [
                new RowGroup
                {
                    NumRows = 6,
                    Columns =
                    [
                        new ColumnChunk
                        {
                            FileOffset = dictOffset,
                            MetaData = new ColumnMetaData
                            {
                                Type = PhysicalType.Int32, PathInSchema = ["x"], Codec = codec, NumValues = 6,
                                Encodings = [ParquetEncoding.PlainDictionary, ParquetEncoding.RleDictionary, ParquetEncoding.Rle],
                                DictionaryPageOffset = dictOffset, DataPageOffset = dataOffset, TotalCompressedSize = end - dictOffset,
                            },
                        },
                    ],
                },
            ],
        };
        var bytes = fb.Finish(meta);
        using var reader = ParquetReader.Open(new MemoryStream(bytes));
        var col = reader.OpenRowGroupReader(0).ReadColumn(reader.Schema.GetDataFields()[0]);
        Assert.Equal(new int?[] { 10, null, 20, 10, 30, null }, (int?[])col.Data);
    }

    [Fact]
    public void ChunkShorterThanItsValuesIsReported()
    {
        var ms = new MemoryStream();
        Serialization.ParquetSerializer.Serialize(Enumerable.Range(0, 100).Select(i => new BlockRow { DocId = "d" + i, Label = "x" }), ms);
        var bytes = ms.ToArray();
        using var reader = ParquetReader.Open(new MemoryStream(bytes));
        // Claim twice the values: the reader must run out of pages and say so.
        reader.Metadata.RowGroups[0].Columns[0].MetaData!.NumValues = 200;
        reader.Metadata.RowGroups[0].NumRows = 200;
        var ex = Assert.Throws<ParquetFormatException>(() => reader.OpenRowGroupReader(0).ReadColumn(reader.Schema.GetDataFields()[0]));
        Assert.Contains("doc_id", ex.Message);
        Assert.Contains("row group 0", ex.Message);
        Assert.Contains("byte offset", ex.Message);
    }
}
