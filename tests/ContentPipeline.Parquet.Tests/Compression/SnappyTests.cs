using System.Text;
using ContentPipeline.Parquet.Compression;

namespace ContentPipeline.Parquet.Tests.Compression;

public class SnappyTests
{
    private static byte[] Compress(ReadOnlySpan<byte> data)
    {
        var buffer = new byte[Snappy.GetMaxCompressedLength(data.Length)];
        int n = Snappy.Compress(data, buffer);
        return buffer[..n];
    }

    private static byte[] Decompress(ReadOnlySpan<byte> compressed)
    {
        var output = new byte[Snappy.GetUncompressedLength(compressed)];
        int n = Snappy.Decompress(compressed, output);
        Assert.Equal(output.Length, n);
        return output;
    }

    private static byte[] RoundTrip(byte[] data)
    {
        byte[] compressed = Compress(data);
        Assert.True(compressed.Length <= Snappy.GetMaxCompressedLength(data.Length));
        Assert.Equal(data.Length, Snappy.GetUncompressedLength(compressed));
        byte[] back = Decompress(compressed);
        Assert.Equal(data, back);
        return compressed;
    }

    /// <summary>Mixed Chinese/English prose, like the pipeline's blocks.</summary>
    private static string Text(int chars, int seed)
    {
        string[] words =
        [
            "the", "pipeline", "reads", "documents", "and", "writes", "blocks", "内容", "分类", "模型", "数据",
            "boilerplate", "navigation", "copyright", "文章", "段落", "我们", "的", "是", "在", "quality",
            "essay", "cookie", "privacy", "policy", "首页", "登录", "注册", "中文", "English",
        ];
        var rng = new Random(seed);
        var sb = new StringBuilder(chars + 16);
        while (sb.Length < chars)
        {
            sb.Append(words[rng.Next(words.Length)]);
            sb.Append(rng.Next(10) == 0 ? ". " : " ");
        }

        return sb.ToString(0, chars);
    }

    [Fact]
    public void Empty_input_is_a_single_zero_preamble()
    {
        byte[] compressed = RoundTrip([]);
        Assert.Equal(new byte[] { 0 }, compressed);
    }

    [Fact]
    public void One_byte_round_trips_as_a_literal()
    {
        byte[] compressed = RoundTrip([0x42]);
        Assert.Equal(new byte[] { 1, 0x00, 0x42 }, compressed);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(100)]
    [InlineData(65535)]
    [InlineData(65536)]
    [InlineData(65537)]
    [InlineData(300_000)]
    public void Random_bytes_round_trip_and_stay_within_the_bound(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        RoundTrip(data);
    }

    [Fact]
    public void Every_length_up_to_300_round_trips_for_random_and_repetitive_data()
    {
        var rng = new Random(7);
        for (int length = 0; length <= 300; length++)
        {
            var random = new byte[length];
            rng.NextBytes(random);
            RoundTrip(random);

            var repetitive = new byte[length];
            for (int i = 0; i < length; i++)
            {
                repetitive[i] = (byte)"abcabcabd"[i % 9];
            }

            RoundTrip(repetitive);
        }
    }

    [Fact]
    public void Long_run_of_one_byte_uses_overlapping_copies()
    {
        byte[] data = Enumerable.Repeat((byte)'a', 100_000).ToArray();
        byte[] compressed = RoundTrip(data);
        // 100 000 bytes of 'a' must collapse to copies of 64 bytes, 3 bytes each, i.e. under 5% of the input.
        Assert.True(compressed.Length < 5_000, $"compressed to {compressed.Length} bytes");
    }

    [Fact]
    public void Short_periods_round_trip()
    {
        foreach (int period in new[] { 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 31, 64, 100 })
        {
            var pattern = new byte[period];
            new Random(period).NextBytes(pattern);
            byte[] data = new byte[10_000];
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = pattern[i % period];
            }

            byte[] compressed = RoundTrip(data);
            Assert.True(compressed.Length < data.Length / 10, $"period {period}: {compressed.Length} bytes");
        }
    }

    [Fact]
    public void One_megabyte_of_text_round_trips_and_compresses_below_half()
    {
        byte[] data = Encoding.UTF8.GetBytes(Text(1_000_000, 42));
        Assert.True(data.Length > 1_000_000);
        byte[] compressed = RoundTrip(data);
        double ratio = (double)compressed.Length / data.Length;
        Assert.True(ratio < 0.5, $"ratio {ratio:P1}");
    }

    [Fact]
    public void Repetitive_text_compresses_well_below_half()
    {
        byte[] data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("content block, boilerplate block; 内容 与 样板. ", 2000)));
        byte[] compressed = RoundTrip(data);
        Assert.True(compressed.Length < data.Length / 10, $"{compressed.Length} of {data.Length}");
    }

    [Fact]
    public void Compress_is_deterministic()
    {
        byte[] data = Encoding.UTF8.GetBytes(Text(200_000, 3));
        Assert.Equal(Compress(data), Compress(data));
    }

    [Fact]
    public void Compress_rejects_a_destination_below_the_bound()
    {
        var data = new byte[100];
        Assert.Throws<ArgumentException>(() => Snappy.Compress(data, new byte[Snappy.GetMaxCompressedLength(100) - 1]));
    }

    [Fact]
    public void Decompress_writes_only_the_declared_length_into_a_larger_destination()
    {
        byte[] compressed = Compress("hello hello hello"u8);
        var output = new byte[64];
        Array.Fill(output, (byte)0xEE);
        Assert.Equal(17, Snappy.Decompress(compressed, output));
        Assert.Equal("hello hello hello"u8.ToArray(), output[..17]);
        Assert.All(output[17..], b => Assert.Equal(0xEE, b));
    }

    // ------------------------------------------------------------------ hand-built streams, one per element rule

    [Theory]
    [InlineData(new byte[] { 0x00 }, 0)]
    [InlineData(new byte[] { 0x7F }, 127)]
    [InlineData(new byte[] { 0x80, 0x01 }, 128)]
    [InlineData(new byte[] { 0xFE, 0xFF, 0x7F }, 2_097_150)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x07 }, int.MaxValue)]
    public void Varint_preamble_is_little_endian_base_128(byte[] stream, int expected)
    {
        Assert.Equal(expected, Snappy.GetUncompressedLength(stream));
    }

    [Fact]
    public void Literal_with_length_in_the_tag()
    {
        // length 5, tag = (5-1) << 2
        byte[] stream = [5, 4 << 2, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o'];
        Assert.Equal("hello"u8.ToArray(), Decompress(stream));
    }

    [Theory]
    [InlineData(60, 1)]
    [InlineData(61, 2)]
    [InlineData(62, 3)]
    [InlineData(63, 4)]
    public void Literal_with_length_in_1_to_4_extra_bytes(int code, int extraBytes)
    {
        const int length = 70;
        var stream = new List<byte> { length, (byte)(code << 2) };
        for (int i = 0; i < extraBytes; i++)
        {
            stream.Add(i == 0 ? (byte)(length - 1) : (byte)0);
        }

        byte[] payload = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        stream.AddRange(payload);
        Assert.Equal(payload, Decompress(stream.ToArray()));
    }

    [Fact]
    public void Copy_with_1_byte_offset()
    {
        // "abcd" literal, then copy-1 length 7, offset 4 (overlapping): tag = 01 | (7-4)<<2 | (offset>>8)<<5
        byte[] stream = [11, 3 << 2, (byte)'a', (byte)'b', (byte)'c', (byte)'d', 0x01 | (3 << 2), 4];
        Assert.Equal("abcdabcdabc"u8.ToArray(), Decompress(stream));
    }

    [Fact]
    public void Copy_with_1_byte_offset_uses_the_high_offset_bits_of_the_tag()
    {
        // 300 literal bytes, then copy-1 length 4 offset 300 (0x12C: high bits 1 in the tag, 0x2C in the next byte).
        byte[] literal = Enumerable.Range(0, 300).Select(i => (byte)(i * 7)).ToArray();
        var stream = new List<byte> { 0xB0, 0x02, 61 << 2, (300 - 1) & 0xFF, (300 - 1) >> 8 }; // varint 304 = 0xB0 0x02
        stream.AddRange(literal);
        stream.Add(0x01 | (0 << 2) | (1 << 5));
        stream.Add(0x2C);
        byte[] output = Decompress(stream.ToArray());
        Assert.Equal(304, output.Length);
        Assert.Equal(literal, output[..300]);
        Assert.Equal(literal[..4], output[300..]);
    }

    [Fact]
    public void Copy_with_2_byte_offset()
    {
        // "xyz" literal, copy-2 length 6 offset 3 (little-endian 03 00): tag = 10 | (6-1)<<2
        byte[] stream = [9, 2 << 2, (byte)'x', (byte)'y', (byte)'z', 0x02 | (5 << 2), 3, 0];
        Assert.Equal("xyzxyzxyz"u8.ToArray(), Decompress(stream));
    }

    [Fact]
    public void Copy_with_4_byte_offset()
    {
        // "ab" literal, copy-4 length 64 offset 1 → "ab" then 64 × 'b'
        byte[] stream = [66, 1 << 2, (byte)'a', (byte)'b', 0x03 | (63 << 2), 1, 0, 0, 0];
        byte[] expected = [(byte)'a', .. Enumerable.Repeat((byte)'b', 65)];
        Assert.Equal(expected, Decompress(stream));
    }

    [Fact]
    public void Copy_with_4_byte_offset_far_back()
    {
        // 70 000 literal bytes then a copy-4 with offset 70 000 (beyond a 2-byte offset) of length 10.
        byte[] literal = new byte[70_000];
        new Random(1).NextBytes(literal);
        var stream = new List<byte>();
        uint total = 70_010;
        while (total >= 0x80)
        {
            stream.Add((byte)(total | 0x80));
            total >>= 7;
        }

        stream.Add((byte)total);
        stream.Add(62 << 2);
        stream.AddRange(BitConverter.GetBytes(70_000 - 1)[..3]);
        stream.AddRange(literal);
        stream.Add(0x03 | (9 << 2));
        stream.AddRange(BitConverter.GetBytes(70_000));
        byte[] output = Decompress(stream.ToArray());
        Assert.Equal(literal, output[..70_000]);
        Assert.Equal(literal[..10], output[70_000..]);
    }

    // ------------------------------------------------------------------ corrupt streams

    private static void AssertCorrupt(byte[] stream, string messagePart)
    {
        var output = new byte[1 << 20];
        var ex = Assert.Throws<ParquetFormatException>(() => Snappy.Decompress(stream, output));
        Assert.Contains("Snappy", ex.Message);
        Assert.Contains(messagePart, ex.Message);
    }

    [Fact]
    public void Empty_stream_is_rejected() => AssertCorrupt([], "empty");

    [Fact]
    public void Truncated_preamble_is_rejected() => AssertCorrupt([0x80, 0x80], "truncated");

    [Fact]
    public void Preamble_over_32_bits_is_rejected() => AssertCorrupt([0xFF, 0xFF, 0xFF, 0xFF, 0x1F], "32 bits");

    [Fact]
    public void Preamble_over_5_bytes_is_rejected() =>
        Assert.Throws<ParquetFormatException>(() => Snappy.GetUncompressedLength([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]));

    [Fact]
    public void Truncated_literal_is_rejected() => AssertCorrupt([5, 4 << 2, (byte)'h', (byte)'e'], "past the end of the input");

    [Fact]
    public void Truncated_literal_length_is_rejected() => AssertCorrupt([100, 61 << 2, 99], "literal length");

    [Fact]
    public void Truncated_compressed_stream_is_rejected()
    {
        byte[] compressed = Compress(Encoding.UTF8.GetBytes(Text(10_000, 5)));
        for (int cut = 1; cut < compressed.Length; cut += 97)
        {
            Assert.Throws<ParquetFormatException>(() => Snappy.Decompress(compressed[..cut], new byte[20_000]));
        }
    }

    [Fact]
    public void Copy_before_the_start_is_rejected() =>
        AssertCorrupt([8, 1 << 2, (byte)'a', (byte)'b', 0x02 | (5 << 2), 3, 0], "before the start");

    [Fact]
    public void Copy_with_zero_offset_is_rejected() =>
        AssertCorrupt([6, 1 << 2, (byte)'a', (byte)'b', 0x01, 0], "offset is zero");

    [Fact]
    public void Copy_4_offset_over_2_GiB_is_rejected() =>
        AssertCorrupt([6, 1 << 2, (byte)'a', (byte)'b', 0x03 | (3 << 2), 0xFF, 0xFF, 0xFF, 0xFF], "before the start");

    [Fact]
    public void Truncated_copy_elements_are_rejected()
    {
        AssertCorrupt([6, 1 << 2, (byte)'a', (byte)'b', 0x01], "copy-1");
        AssertCorrupt([6, 1 << 2, (byte)'a', (byte)'b', 0x02, 1], "copy-2");
        AssertCorrupt([6, 1 << 2, (byte)'a', (byte)'b', 0x03, 1, 0, 0], "copy-4");
    }

    [Fact]
    public void Output_shorter_than_declared_is_rejected() =>
        AssertCorrupt([10, 1 << 2, (byte)'a', (byte)'b'], "declares 10");

    [Fact]
    public void Literal_past_the_declared_length_is_rejected() =>
        AssertCorrupt([1, 1 << 2, (byte)'a', (byte)'b'], "overflows the declared length");

    [Fact]
    public void Copy_past_the_declared_length_is_rejected() =>
        AssertCorrupt([4, 1 << 2, (byte)'a', (byte)'b', 0x02 | (4 << 2), 2, 0], "overflows the declared length");

    [Fact]
    public void Destination_smaller_than_declared_is_rejected()
    {
        byte[] compressed = Compress(new byte[100]);
        Assert.Throws<ParquetFormatException>(() => Snappy.Decompress(compressed, new byte[99]));
    }

    [Fact]
    public void Random_garbage_never_escapes_as_anything_but_ParquetFormatException()
    {
        var rng = new Random(11);
        var output = new byte[4096];
        for (int i = 0; i < 5_000; i++)
        {
            var garbage = new byte[rng.Next(1, 64)];
            rng.NextBytes(garbage);
            garbage[0] = (byte)rng.Next(0, 128); // plausible length so the elements get parsed
            try
            {
                Snappy.Decompress(garbage, output);
            }
            catch (ParquetFormatException)
            {
            }
        }
    }
}
