using System.Numerics;

namespace ContentPipeline.Parquet.Encodings;

/// <summary>
/// The RLE / bit-packing hybrid of Encodings.md, used for definition and repetition levels, dictionary indices and
/// booleans. A run header is a ULEB128 varint: low bit 0 = RLE run of (header &gt;&gt; 1) copies of one value stored in
/// ceil(bitWidth / 8) little-endian bytes; low bit 1 = (header &gt;&gt; 1) groups of 8 values bit-packed LSB first.
/// </summary>
internal static class RleBitPackedHybrid
{
    public static int BitWidth(int maxValue) => maxValue <= 0 ? 0 : 32 - BitOperations.LeadingZeroCount((uint)maxValue);

    /// <summary>Encodes values (each &lt; 2^bitWidth) and appends them to <paramref name="output"/>.</summary>
    public static void Encode(ReadOnlySpan<int> values, int bitWidth, ByteBuffer output)
    {
        int n = values.Length;
        int i = 0;
        while (i < n)
        {
            int v = values[i];
            int run = 1;
            while (i + run < n && values[i + run] == v) run++;
            if (run >= 8)
            {
                WriteRle(v, run, bitWidth, output);
                i += run;
                continue;
            }
            // Literal groups of 8 until a run of at least 8 starts at a group boundary (or the data ends).
            int start = i;
            int end = i;
            do
            {
                end += 8;
            } while (end < n && !RunOfEightAt(values, end));
            if (end > n)
            {
                WriteBitPacked(values[start..], (end - start) / 8, bitWidth, output);
                i = n;
            }
            else
            {
                WriteBitPacked(values[start..end], (end - start) / 8, bitWidth, output);
                i = end;
            }
        }
    }

    private static bool RunOfEightAt(ReadOnlySpan<int> values, int at)
    {
        if (at + 8 > values.Length) return false;
        int v = values[at];
        for (int k = 1; k < 8; k++)
            if (values[at + k] != v) return false;
        return true;
    }

    private static void WriteRle(int value, int count, int bitWidth, ByteBuffer output)
    {
        output.WriteUleb128((ulong)count << 1);
        int bytes = (bitWidth + 7) / 8;
        for (int b = 0; b < bytes; b++) output.WriteByte((byte)(value >> (8 * b)));
    }

    /// <summary>Writes <paramref name="groups"/> groups of 8; values beyond the span are padded with zeros.</summary>
    private static void WriteBitPacked(ReadOnlySpan<int> values, int groups, int bitWidth, ByteBuffer output)
    {
        output.WriteUleb128(((ulong)groups << 1) | 1);
        int totalBytes = groups * bitWidth; // 8 values * bitWidth bits = bitWidth bytes per group
        var dest = output.GetSpan(totalBytes)[..totalBytes];
        dest.Clear();
        ulong acc = 0;
        int accBits = 0;
        int o = 0;
        int count = groups * 8;
        for (int k = 0; k < count; k++)
        {
            ulong v = k < values.Length ? (uint)values[k] : 0u;
            acc |= v << accBits;
            accBits += bitWidth;
            while (accBits >= 8)
            {
                dest[o++] = (byte)acc;
                acc >>= 8;
                accBits -= 8;
            }
        }
        if (accBits > 0) dest[o++] = (byte)acc;
        output.Advance(totalBytes);
    }

    /// <summary>
    /// Decodes exactly <paramref name="output"/>.Length values. Throws <see cref="ParquetFormatException"/> (message
    /// completed by the caller's context) when the data ends early or a value exceeds <paramref name="maxValue"/>.
    /// </summary>
    public static void Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> output, int maxValue, string context)
    {
        if (bitWidth < 0 || bitWidth > 32) throw new ParquetFormatException($"{context}: invalid bit width {bitWidth}.");
        int pos = 0;
        int outPos = 0;
        int n = output.Length;
        if (bitWidth == 0)
        {
            output.Clear();
            return;
        }
        int valueBytes = (bitWidth + 7) / 8;
        while (outPos < n)
        {
            ulong header = ReadUleb128(data, ref pos, context);
            if ((header & 1) == 0)
            {
                ulong count = header >> 1;
                if (count == 0) throw new ParquetFormatException($"{context}: RLE run of length 0 at byte {pos}.");
                if (pos + valueBytes > data.Length) throw new ParquetFormatException($"{context}: RLE run truncated at byte {pos}.");
                uint v = 0;
                for (int b = 0; b < valueBytes; b++) v |= (uint)data[pos + b] << (8 * b);
                pos += valueBytes;
                if (v > (uint)maxValue) throw new ParquetFormatException($"{context}: value {v} exceeds the maximum {maxValue}.");
                int take = (int)Math.Min(count, (ulong)(n - outPos));
                output.Slice(outPos, take).Fill((int)v);
                outPos += take;
            }
            else
            {
                ulong groups = header >> 1;
                if (groups == 0) throw new ParquetFormatException($"{context}: bit-packed run of 0 groups at byte {pos}.");
                bool huge = groups > (ulong)data.Length;
                ulong bytesNeeded = huge ? ulong.MaxValue : groups * (ulong)bitWidth;
                int available = data.Length - pos;
                ulong values = huge ? ulong.MaxValue : groups * 8;
                if (bytesNeeded > (ulong)available)
                {
                    // Tolerate a final truncated run only if it still covers the values we need.
                    ulong coverable = (ulong)available * 8 / (ulong)bitWidth;
                    if (coverable < (ulong)(n - outPos)) throw new ParquetFormatException($"{context}: bit-packed run truncated at byte {pos}.");
                    values = coverable;
                    bytesNeeded = (ulong)available;
                }
                int take = (int)Math.Min(values, (ulong)(n - outPos));
                ulong acc = 0;
                int accBits = 0;
                int p = pos;
                uint mask = bitWidth == 32 ? uint.MaxValue : (1u << bitWidth) - 1;
                for (int k = 0; k < take; k++)
                {
                    while (accBits < bitWidth)
                    {
                        acc |= (ulong)data[p++] << accBits;
                        accBits += 8;
                    }
                    uint v = (uint)acc & mask;
                    acc >>= bitWidth;
                    accBits -= bitWidth;
                    if (v > (uint)maxValue) throw new ParquetFormatException($"{context}: value {v} exceeds the maximum {maxValue}.");
                    output[outPos++] = (int)v;
                }
                pos += (int)bytesNeeded;
            }
        }
    }

    private static ulong ReadUleb128(ReadOnlySpan<byte> data, ref int pos, string context)
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (pos >= data.Length) throw new ParquetFormatException($"{context}: run header truncated at byte {pos}.");
            byte b = data[pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new ParquetFormatException($"{context}: run header varint too long at byte {pos}.");
    }
}
