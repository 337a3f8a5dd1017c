namespace ContentPipeline.Parquet.Encodings;

/// <summary>
/// Decoders for the DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY encodings of Encodings.md
/// (written by parquet-mr's v2 writer, arrow and others), and BYTE_STREAM_SPLIT. Read-only: this library's writer
/// uses PLAIN and dictionaries. All lengths and counts are checked against the page.
/// </summary>
internal static class DeltaEncodings
{
    /// <summary>
    /// Decodes <paramref name="output"/>.Length values; returns the bytes consumed. Header: block size, miniblocks
    /// per block, total count, first value (zigzag); each block: min delta (zigzag), one bit width per miniblock,
    /// then the bit-packed miniblocks (absent once the values run out).
    /// </summary>
    public static int DecodeBinaryPacked(ReadOnlySpan<byte> data, Span<long> output, string context)
    {
        int pos = 0;
        ulong blockSize = Uleb(data, ref pos, context);
        ulong miniblocks = Uleb(data, ref pos, context);
        ulong total = Uleb(data, ref pos, context);
        long first = ZigZag(Uleb(data, ref pos, context));
        if (blockSize == 0 || blockSize % 128 != 0 || blockSize > 1 << 20 || miniblocks == 0 || blockSize % miniblocks != 0 || (blockSize / miniblocks) % 32 != 0)
            throw new ParquetFormatException($"{context}: invalid DELTA_BINARY_PACKED header (block size {blockSize}, {miniblocks} miniblocks).");
        if (total < (ulong)output.Length)
            throw new ParquetFormatException($"{context}: DELTA_BINARY_PACKED holds {total} values, {output.Length} expected.");
        int n = output.Length;
        if (n == 0) return pos;
        int perMini = (int)(blockSize / miniblocks);
        output[0] = first;
        int count = 1;
        long prev = first;
        Span<byte> widths = stackalloc byte[(int)Math.Min(miniblocks, 1024)];
        if (miniblocks > 1024) throw new ParquetFormatException($"{context}: {miniblocks} miniblocks per block is too many.");
        while (count < n)
        {
            long minDelta = ZigZag(Uleb(data, ref pos, context));
            if (data.Length - pos < (int)miniblocks) throw new ParquetFormatException($"{context}: DELTA_BINARY_PACKED bit widths truncated at byte {pos}.");
            data.Slice(pos, (int)miniblocks).CopyTo(widths);
            pos += (int)miniblocks;
            for (int m = 0; m < (int)miniblocks && count < n; m++)
            {
                int w = widths[m];
                if (w > 64) throw new ParquetFormatException($"{context}: miniblock bit width {w} exceeds 64.");
                int bytes = perMini * w / 8;
                if (data.Length - pos < bytes)
                    throw new ParquetFormatException($"{context}: DELTA_BINARY_PACKED miniblock truncated at byte {pos}.");
                var mini = data.Slice(pos, bytes);
                pos += bytes;
                int take = Math.Min(perMini, n - count);
                int bit = 0;
                for (int k = 0; k < take; k++)
                {
                    ulong v = ReadBits(mini, bit, w);
                    bit += w;
                    prev = unchecked(prev + minDelta + (long)v);
                    output[count++] = prev;
                }
            }
        }
        return pos;
    }

    private static ulong ReadBits(ReadOnlySpan<byte> data, int bitOffset, int width)
    {
        if (width == 0) return 0;
        ulong result = 0;
        int got = 0;
        int byteIndex = bitOffset >> 3;
        int shift = bitOffset & 7;
        while (got < width)
        {
            ulong b = (ulong)(data[byteIndex++] >> shift);
            int avail = 8 - shift;
            result |= b << got;
            got += avail;
            shift = 0;
        }
        return width == 64 ? result : result & ((1UL << width) - 1);
    }

    /// <summary>Lengths (delta-packed) followed by the concatenated bytes; returns bytes consumed.</summary>
    public static int DecodeLengthByteArray(ReadOnlySpan<byte> data, int n, Span<Range> values, string context)
    {
        var lengths = new long[n];
        int pos = DecodeBinaryPacked(data, lengths, context);
        for (int i = 0; i < n; i++)
        {
            long len = lengths[i];
            if (len < 0 || len > data.Length - pos)
                throw new ParquetFormatException($"{context}: DELTA_LENGTH_BYTE_ARRAY value {i} of length {len} exceeds the {data.Length - pos} bytes left.");
            values[i] = new Range(pos, pos + (int)len);
            pos += (int)len;
        }
        return pos;
    }

    /// <summary>Prefix lengths, then suffixes as DELTA_LENGTH_BYTE_ARRAY; each value is the previous one's prefix plus its suffix.</summary>
    public static byte[][] DecodeByteArray(ReadOnlySpan<byte> data, int n, string context)
    {
        var prefixes = new long[n];
        int pos = DecodeBinaryPacked(data, prefixes, context);
        var suffixes = new Range[n];
        DecodeLengthByteArray(data[pos..], n, suffixes, context);
        var rest = data[pos..];
        var result = new byte[n][];
        byte[] previous = [];
        for (int i = 0; i < n; i++)
        {
            long p = prefixes[i];
            if (p < 0 || p > previous.Length)
                throw new ParquetFormatException($"{context}: DELTA_BYTE_ARRAY prefix {p} of value {i} exceeds the previous value's {previous.Length} bytes.");
            var suffix = rest[suffixes[i]];
            var v = new byte[p + suffix.Length];
            previous.AsSpan(0, (int)p).CopyTo(v);
            suffix.CopyTo(v.AsSpan((int)p));
            result[i] = v;
            previous = v;
        }
        return result;
    }

    /// <summary>BYTE_STREAM_SPLIT: byte j of value i is at j * n + i.</summary>
    public static void DecodeByteStreamSplit(ReadOnlySpan<byte> data, int n, int width, Span<byte> output, string context)
    {
        if ((long)n * width > data.Length)
            throw new ParquetFormatException($"{context}: BYTE_STREAM_SPLIT needs {(long)n * width} bytes, the page has {data.Length}.");
        for (int j = 0; j < width; j++)
        {
            var stream = data.Slice(j * n, n);
            for (int i = 0; i < n; i++) output[i * width + j] = stream[i];
        }
    }

    private static ulong Uleb(ReadOnlySpan<byte> data, ref int pos, string context)
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (pos >= data.Length) throw new ParquetFormatException($"{context}: varint truncated at byte {pos}.");
            byte b = data[pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new ParquetFormatException($"{context}: varint too long at byte {pos}.");
    }

    private static long ZigZag(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);
}
