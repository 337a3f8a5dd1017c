using ContentPipeline.Parquet.Encodings;
using ContentPipeline.Parquet.Format;
using ContentPipeline.Parquet.Thrift;

namespace ContentPipeline.Parquet.Tests;

public class EncodingTests
{
    private static byte[] Encode(int[] values, int bitWidth)
    {
        using var buf = new ByteBuffer();
        RleBitPackedHybrid.Encode(values, bitWidth, buf);
        return buf.WrittenSpan.ToArray();
    }

    [Fact]
    public void BitPackedSpecExample()
    {
        // Encodings.md: 0..7 with bit width 3 bit-pack to 10001000 11000110 11111010.
        Assert.Equal(new byte[] { 0x03, 0x88, 0xC6, 0xFA }, Encode([0, 1, 2, 3, 4, 5, 6, 7], 3));
    }

    [Fact]
    public void RleRun()
    {
        // 100 copies of 5, bit width 3: header 100 << 1 = 200 = ULEB128 C8 01, value in one byte.
        Assert.Equal(new byte[] { 0xC8, 0x01, 0x05 }, Encode(Enumerable.Repeat(5, 100).ToArray(), 3));
        // Bit width 9 stores the repeated value in two little-endian bytes.
        Assert.Equal(new byte[] { 0x10, 0x2C, 0x01 }, Encode(Enumerable.Repeat(300, 8).ToArray(), 9));
    }

    [Fact]
    public void ShortTailIsPaddedBitPackedGroup()
    {
        // Three values 1,0,1 with bit width 1: one group of 8, LSB first: 0b00000101.
        Assert.Equal(new byte[] { 0x03, 0x05 }, Encode([1, 0, 1], 1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(20)]
    [InlineData(32)]
    public void HybridRoundTrip(int bitWidth)
    {
        var random = new Random(bitWidth);
        long max = bitWidth == 32 ? int.MaxValue : (1L << bitWidth) - 1;
        var values = new List<int>();
        while (values.Count < 5000)
        {
            int v = (int)random.NextInt64(max + 1);
            int run = random.Next(3) == 0 ? random.Next(1, 40) : 1;
            for (int k = 0; k < run; k++) values.Add(v);
        }
        var bytes = Encode([.. values], bitWidth);
        var decoded = new int[values.Count];
        RleBitPackedHybrid.Decode(bytes, bitWidth, decoded, (int)max, "test");
        Assert.Equal(values, decoded);
    }

    [Fact]
    public void DecodeRejectsTruncatedAndOutOfRange()
    {
        var decoded = new int[10];
        Assert.Throws<ParquetFormatException>(() => RleBitPackedHybrid.Decode(new byte[] { 0x03, 0x88 }, 3, decoded, 7, "t"));
        Assert.Throws<ParquetFormatException>(() => RleBitPackedHybrid.Decode(new byte[] { 0x14, 0x09 }, 4, decoded, 7, "t"));
        Assert.Throws<ParquetFormatException>(() => RleBitPackedHybrid.Decode(new byte[] { 0x80, 0x80 }, 1, decoded, 1, "t"));
    }

    [Fact]
    public void ThriftCompactKnownBytes()
    {
        using var w = new CompactProtocolWriter();
        new KeyValue("a", "b").Write(w);
        Assert.Equal(new byte[] { 0x18, 0x01, 0x61, 0x18, 0x01, 0x62, 0x00 }, w.WrittenSpan.ToArray());

        w.Reset();
        w.StructBegin();
        w.FieldI32(1, -1);          // delta 1, type i32 (5), zigzag(-1) = 1
        w.FieldI64(20, 150);        // delta 19 > 15: long form, type byte then zigzag field id 40, zigzag(150) = 300 = AC 02
        w.FieldBool(21, true);      // delta 1, BOOLEAN_TRUE (1)
        w.StructEnd();
        Assert.Equal(new byte[] { 0x15, 0x01, 0x06, 0x28, 0xAC, 0x02, 0x11, 0x00 }, w.WrittenSpan.ToArray());
    }

    [Fact]
    public void ThriftFooterRoundTrip()
    {
        var meta = new FileMetaData
        {
            Schema = [new SchemaElement { Name = "schema", NumChildren = 1 }, new SchemaElement { Name = "x", Type = PhysicalType.Int64, RepetitionType = FieldRepetitionType.Optional, LogicalType = LogicalType.Timestamp(TimeUnit.Micros, true), ConvertedType = ConvertedType.TimestampMicros }],
            NumRows = 3,
            RowGroups = [],
            CreatedBy = "me",
            KeyValueMetadata = [new KeyValue("k", "v")],
            ColumnOrders = [true],
        };
        using var w = new CompactProtocolWriter();
        meta.Write(w);
        var bytes = w.WrittenSpan.ToArray();
        var back = FileMetaData.Read(new CompactProtocolReader(bytes, 0, bytes.Length, 0, "footer"));
        Assert.Equal(3, back.NumRows);
        Assert.Equal("me", back.CreatedBy);
        Assert.Equal("v", back.KeyValueMetadata![0].Value);
        Assert.Equal(LogicalTypeKind.Timestamp, back.Schema[1].LogicalType!.Kind);
        Assert.Equal(TimeUnit.Micros, back.Schema[1].LogicalType!.Unit);
        Assert.True(back.Schema[1].LogicalType!.IsAdjustedToUtc);
        Assert.Equal([true], back.ColumnOrders!);
    }

    [Fact]
    public void ThriftNestingDepthIsBounded()
    {
        // 100 nested structs inside an unknown field: the reader must refuse, not overflow the stack.
        var bytes = new List<byte> { 0x3C }; // field 3 (unknown), struct
        for (int i = 0; i < 100; i++) bytes.Add(0x1C);
        var arr = bytes.ToArray();
        var ex = Assert.Throws<ParquetFormatException>(() => KeyValue.Read(new CompactProtocolReader(arr, 0, arr.Length, 0, "test")));
        Assert.Contains("deeper", ex.Message);
    }
}

public class CodecTests
{
    [Theory]
    [InlineData(Format.CompressionCodec.Uncompressed)]
    [InlineData(Format.CompressionCodec.Snappy)]
    [InlineData(Format.CompressionCodec.Gzip)]
    [InlineData(Format.CompressionCodec.Brotli)]
    public void EmptyAndNonEmptyPagesRoundTrip(Format.CompressionCodec codec)
    {
        foreach (var input in new[] { Array.Empty<byte>(), "hello hello hello hello"u8.ToArray(), Enumerable.Range(0, 100000).Select(i => (byte)(i % 251)).ToArray() })
        {
            using var buf = new Encodings.ByteBuffer();
            global::ContentPipeline.Parquet.Compression.CompressionCodecs.Compress(codec, input, buf);
            var output = new byte[input.Length];
            global::ContentPipeline.Parquet.Compression.CompressionCodecs.Decompress(codec, buf.WrittenSpan, output, "test");
            Assert.Equal(input, output);
            if (codec == Format.CompressionCodec.Gzip) Assert.Equal(0x1F, buf.WrittenSpan[0]); // gzip member, not raw deflate
        }
    }
}

public class Utf8Tests
{
    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("é中😀𠀀")]
    [InlineData("\ud800x")]       // lone high surrogate
    [InlineData("x\udc00")]       // lone low surrogate
    [InlineData("\ud83d")]        // high surrogate at the end
    [InlineData("aaaaaaaaaaaaaaaaaaaaaa😀")] // pair straddling the short-string limit
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaa😀")]
    public void ShortAndLongStringsEncodeLikeEncodingUtf8(string s)
    {
        var field = new Schema.DataField<string>("s", isNullable: false);
        _ = new Schema.ParquetSchema(field);
        using var buf = new IO.ColumnBuffer(field);
        buf.AddString(s);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(s), buf.GetValue(0).ToArray());
    }
}
