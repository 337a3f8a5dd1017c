using System.Text;
using ContentPipeline.Parquet.Encodings;

namespace ContentPipeline.Parquet.Tests;

/// <summary>The worked examples of Encodings.md, byte by byte.</summary>
public class DeltaEncodingTests
{
    private static byte[] Zeros(int n) => new byte[n];

    [Fact]
    public void BinaryPackedConstantDelta()
    {
        // 1, 2, 3, 4, 5: block 128, 4 miniblocks, 5 values, first 1; min delta 1, all bit widths 0.
        byte[] data = [0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00];
        var values = new long[5];
        Assert.Equal(data.Length, DeltaEncodings.DecodeBinaryPacked(data, values, "t"));
        Assert.Equal([1L, 2, 3, 4, 5], values);
    }

    [Fact]
    public void BinaryPackedNegativeMinDelta()
    {
        // 7, 5, 3, 1, 2, 3, 4, 5: deltas -2 -2 -2 1 1 1 1, min delta -2, relative 0 0 0 3 3 3 3 in 2 bits.
        byte[] data = [0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 0x02, 0x00, 0x00, 0x00, 0xC0, 0x3F, .. Zeros(6)];
        var values = new long[8];
        DeltaEncodings.DecodeBinaryPacked(data, values, "t");
        Assert.Equal([7L, 5, 3, 1, 2, 3, 4, 5], values);
    }

    [Fact]
    public void LengthByteArray()
    {
        // "Hello", "World", "Foobar", "ABCDEF": lengths 5 5 6 6 (first 5, relative deltas 0 1 0 in 1 bit).
        byte[] data = [0x80, 0x01, 0x04, 0x04, 0x0A, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, .. "HelloWorldFoobarABCDEF"u8];
        var ranges = new Range[4];
        DeltaEncodings.DecodeLengthByteArray(data, 4, ranges, "t");
        Assert.Equal(["Hello", "World", "Foobar", "ABCDEF"], ranges.Select(r => Encoding.ASCII.GetString(data[r])));
    }

    [Fact]
    public void ByteArrayWithPrefixes()
    {
        // "axis", "axle", "babble", "babyhood": prefixes 0 2 0 3, suffixes "axis" "le" "babble" "yhood".
        byte[] prefixes = [0x80, 0x01, 0x04, 0x04, 0x00, 0x03, 0x03, 0x00, 0x00, 0x00, 0x44, 0x01, .. Zeros(10)];
        byte[] suffixLengths = [0x80, 0x01, 0x04, 0x04, 0x08, 0x03, 0x03, 0x00, 0x00, 0x00, 0x70, .. Zeros(11)];
        byte[] data = [.. prefixes, .. suffixLengths, .. "axislebabbleyhood"u8];
        var values = DeltaEncodings.DecodeByteArray(data, 4, "t");
        Assert.Equal(["axis", "axle", "babble", "babyhood"], values.Select(v => Encoding.ASCII.GetString(v)));
    }

    [Fact]
    public void ByteStreamSplit()
    {
        var floats = new[] { 1.5f, -2.25f, float.NaN };
        var plain = floats.SelectMany(BitConverter.GetBytes).ToArray();
        var split = new byte[plain.Length];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++) split[j * 3 + i] = plain[i * 4 + j];
        var output = new byte[plain.Length];
        DeltaEncodings.DecodeByteStreamSplit(split, 3, 4, output, "t");
        Assert.Equal(plain, output);
    }

    [Fact]
    public void CorruptHeadersAreRejected()
    {
        var values = new long[5];
        Assert.Throws<ParquetFormatException>(() => DeltaEncodings.DecodeBinaryPacked([0x80, 0x01, 0x04, 0x05], values, "t"));
        Assert.Throws<ParquetFormatException>(() => DeltaEncodings.DecodeBinaryPacked([0x07, 0x04, 0x05, 0x02], values, "t"));
        Assert.Throws<ParquetFormatException>(() => DeltaEncodings.DecodeBinaryPacked([0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x41, 0x00, 0x00, 0x00], values, "t"));
    }
}
