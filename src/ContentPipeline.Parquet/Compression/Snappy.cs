using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ContentPipeline.Parquet.Compression;

/// <summary>
/// Raw (unframed) Snappy block compression, written from google/snappy's <c>format_description.txt</c>.
/// </summary>
/// <remarks>
/// <para>
/// Stream layout: the uncompressed length as a little-endian base-128 varint (at most 32 bits), then a sequence of
/// elements. The low two bits of each element's tag byte select its type:
/// </para>
/// <list type="bullet">
/// <item><c>00</c> literal: the upper six bits hold <c>length - 1</c> when below 60; 60..63 mean that 1..4 following
/// little-endian bytes hold <c>length - 1</c>. The literal bytes follow.</item>
/// <item><c>01</c> copy with 1-byte offset: length <c>4 + bits[2..4]</c> (4..11), offset <c>bits[5..7] &lt;&lt; 8 | next byte</c> (11 bits).</item>
/// <item><c>10</c> copy with 2-byte offset: length <c>1 + bits[2..7]</c> (1..64), offset a little-endian <c>ushort</c>.</item>
/// <item><c>11</c> copy with 4-byte offset: length <c>1 + bits[2..7]</c>, offset a little-endian <c>uint</c>.</item>
/// </list>
/// <para>
/// A copy repeats <c>length</c> bytes starting <c>offset</c> bytes back in the output; when the offset is smaller than
/// the length, the copy overlaps the bytes it is producing (run-length style).
/// </para>
/// <para>
/// The encoder works on independent 64 KiB blocks with a hash table of 4-byte sequences (so every offset fits in a
/// copy-2 element and copy-4 is never emitted); the decoder accepts every element type and validates every length and
/// offset, throwing <see cref="ParquetFormatException"/> on corrupt input.
/// </para>
/// </remarks>
public static class Snappy
{
    private const int BlockSize = 1 << 16;
    private const int MaxHashTableBits = 14;
    private const int MinHashTableBits = 8;
    /// <summary>Blocks shorter than this are stored as one literal: matching needs room for 8-byte reads.</summary>
    private const int InputMarginBytes = 15;

    /// <summary>The largest number of bytes <see cref="Compress"/> can write for an input of <paramref name="sourceLength"/> bytes.</summary>
    public static int GetMaxCompressedLength(int sourceLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sourceLength);
        // Worst case of the format (literal headers interleaved with short copies) is n + n/6, plus the varint preamble.
        long max = 32L + sourceLength + sourceLength / 6;
        if (max > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(sourceLength), sourceLength, "input too large for Snappy");
        }

        return (int)max;
    }

    /// <summary>Compresses <paramref name="source"/> into <paramref name="destination"/> and returns the number of bytes written.</summary>
    /// <exception cref="ArgumentException">destination is shorter than <see cref="GetMaxCompressedLength"/>.</exception>
    public static int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int max = GetMaxCompressedLength(source.Length);
        if (destination.Length < max)
        {
            throw new ArgumentException(
                $"destination holds {destination.Length} bytes; Snappy needs up to {max} for {source.Length} input bytes (use GetMaxCompressedLength)",
                nameof(destination));
        }

        int op = WriteVarint(destination, (uint)source.Length);
        if (source.IsEmpty)
        {
            return op;
        }

        Span<ushort> table = stackalloc ushort[1 << MaxHashTableBits];
        ref byte dst = ref MemoryMarshal.GetReference(destination);
        for (int start = 0; start < source.Length; start += BlockSize)
        {
            ReadOnlySpan<byte> block = source.Slice(start, Math.Min(BlockSize, source.Length - start));
            op = CompressBlock(block, ref dst, op, table);
        }

        return op;
    }

    /// <summary>Reads the uncompressed length from the preamble of a Snappy stream.</summary>
    /// <exception cref="ParquetFormatException">the varint is truncated, longer than 5 bytes, or exceeds 2 GiB.</exception>
    public static int GetUncompressedLength(ReadOnlySpan<byte> compressed)
    {
        ReadLength(compressed, out int length);
        return length;
    }

    /// <summary>
    /// Decompresses a whole Snappy stream into <paramref name="destination"/> and returns the number of bytes written
    /// (the length declared in the preamble).
    /// </summary>
    /// <exception cref="ParquetFormatException">the stream is corrupt or truncated, or declares more bytes than destination holds.</exception>
    public static int Decompress(ReadOnlySpan<byte> compressed, Span<byte> destination)
    {
        int ip = ReadLength(compressed, out int length);
        if (length > destination.Length)
        {
            throw Corrupt($"stream declares {length} uncompressed bytes but the destination holds only {destination.Length}", ip);
        }

        Span<byte> output = destination[..length];
        int op = 0;
        int inLength = compressed.Length;
        while (ip < inLength)
        {
            int tagOffset = ip;
            int tag = compressed[ip++];
            switch (tag & 3)
            {
                case 0:
                {
                    int len = tag >> 2;
                    if (len >= 60)
                    {
                        int extra = len - 59;
                        if (ip + extra > inLength)
                        {
                            throw Corrupt($"literal length needs {extra} bytes but the stream ends", tagOffset);
                        }

                        uint value = 0;
                        for (int i = 0; i < extra; i++)
                        {
                            value |= (uint)compressed[ip + i] << (8 * i);
                        }

                        ip += extra;
                        if (value >= int.MaxValue)
                        {
                            throw Corrupt($"literal length {value + 1L} is too large", tagOffset);
                        }

                        len = (int)value;
                    }

                    len += 1;
                    if (len <= 16 && inLength - ip >= 16 && length - op >= 16)
                    {
                        // Short literal with slack on both sides: one 16-byte move; the bytes past `len` in the
                        // output are overwritten by the following elements.
                        Unsafe.WriteUnaligned(
                            ref Unsafe.Add(ref MemoryMarshal.GetReference(output), op),
                            Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref MemoryMarshal.GetReference(compressed), ip)));
                        ip += len;
                        op += len;
                        break;
                    }

                    if (len > inLength - ip)
                    {
                        throw Corrupt($"literal of {len} bytes runs past the end of the input ({inLength - ip} bytes left)", tagOffset);
                    }

                    if (len > length - op)
                    {
                        throw Corrupt($"literal of {len} bytes overflows the declared length {length} (at output {op})", tagOffset);
                    }

                    compressed.Slice(ip, len).CopyTo(output.Slice(op));
                    ip += len;
                    op += len;
                    break;
                }

                case 1:
                {
                    if (ip >= inLength)
                    {
                        throw Corrupt("copy-1 element is truncated", tagOffset);
                    }

                    int len = 4 + ((tag >> 2) & 7);
                    int offset = ((tag >> 5) << 8) | compressed[ip++];
                    op = Copy(output, op, offset, len, tagOffset);
                    break;
                }

                case 2:
                {
                    if (ip + 2 > inLength)
                    {
                        throw Corrupt("copy-2 element is truncated", tagOffset);
                    }

                    int len = 1 + (tag >> 2);
                    int offset = BinaryPrimitives.ReadUInt16LittleEndian(compressed.Slice(ip));
                    ip += 2;
                    op = Copy(output, op, offset, len, tagOffset);
                    break;
                }

                default:
                {
                    if (ip + 4 > inLength)
                    {
                        throw Corrupt("copy-4 element is truncated", tagOffset);
                    }

                    int len = 1 + (tag >> 2);
                    uint offset = BinaryPrimitives.ReadUInt32LittleEndian(compressed.Slice(ip));
                    ip += 4;
                    if (offset > (uint)op)
                    {
                        throw Corrupt($"copy offset {offset} points before the start of the output (at output {op})", tagOffset);
                    }

                    op = Copy(output, op, (int)offset, len, tagOffset);
                    break;
                }
            }
        }

        if (op != length)
        {
            throw Corrupt($"stream ends after {op} bytes of output but declares {length}", ip);
        }

        return length;
    }

    // ---------------------------------------------------------------- decoder helpers

    private static int ReadLength(ReadOnlySpan<byte> compressed, out int length)
    {
        uint value = 0;
        for (int i = 0; i < 5; i++)
        {
            if (i >= compressed.Length)
            {
                throw Corrupt(compressed.IsEmpty ? "stream is empty (no length preamble)" : "length preamble is truncated", i);
            }

            uint b = compressed[i];
            if (i == 4 && b > 0x0F)
            {
                throw Corrupt("length preamble exceeds 32 bits", i);
            }

            value |= (b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                if (value > int.MaxValue)
                {
                    throw Corrupt($"declared length {value} exceeds 2 GiB", 0);
                }

                length = (int)value;
                return i + 1;
            }
        }

        throw Corrupt("length preamble is longer than 5 bytes", 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Copy(Span<byte> output, int op, int offset, int len, int tagOffset)
    {
        if (offset == 0)
        {
            throw Corrupt("copy offset is zero", tagOffset);
        }

        if (offset > op)
        {
            throw Corrupt($"copy offset {offset} points before the start of the output (at output {op})", tagOffset);
        }

        if (len > output.Length - op)
        {
            throw Corrupt($"copy of {len} bytes overflows the declared length {output.Length} (at output {op})", tagOffset);
        }

        int src = op - offset;
        if (offset >= 8 && output.Length - op - len >= 8)
        {
            // 8-byte moves: each reads bytes already final (offset >= 8) and may write up to 7 bytes past the copy,
            // inside the output, which later elements overwrite.
            ref byte o = ref MemoryMarshal.GetReference(output);
            int end8 = op + len;
            do
            {
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref o, op), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref o, src)));
                op += 8;
                src += 8;
            }
            while (op < end8);

            return end8;
        }

        if (offset >= len)
        {
            output.Slice(src, len).CopyTo(output.Slice(op));
            return op + len;
        }

        // Overlapping copy: the output repeats with period `offset`. Copy the already-produced pattern in doubling
        // chunks (every chunk length is a multiple of the period, so the repetition is preserved).
        int end = op + len;
        while (op < end)
        {
            int n = Math.Min(end - op, op - src);
            output.Slice(src, n).CopyTo(output.Slice(op));
            op += n;
        }

        return end;
    }

    private static ParquetFormatException Corrupt(string what, int offset) =>
        new($"corrupt Snappy data at input byte {offset}: {what}");

    // ---------------------------------------------------------------- encoder

    private static int WriteVarint(Span<byte> destination, uint value)
    {
        int i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(uint bytes, int shift) => (bytes * 0x1E35A7BDu) >> shift;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Load32(ref byte p, int i) => Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, i));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Load64(ref byte p, int i) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i));

    /// <summary>
    /// Compresses one block (at most 64 KiB) starting at output position <paramref name="op"/>; returns the new position.
    /// All reads stay inside <paramref name="block"/>: matching stops <see cref="InputMarginBytes"/> before its end, and
    /// the caller guarantees the destination has room for the worst case.
    /// </summary>
    private static int CompressBlock(ReadOnlySpan<byte> block, ref byte dst, int op, Span<ushort> tableStorage)
    {
        int n = block.Length;
        ref byte src = ref MemoryMarshal.GetReference(block);
        if (n < InputMarginBytes + 2)
        {
            return EmitLiteral(ref dst, op, ref src, 0, n);
        }

        // A table sized to the block: small inputs don't pay for clearing 32 KiB.
        int bits = MinHashTableBits;
        while (bits < MaxHashTableBits && (1 << bits) < n)
        {
            bits++;
        }

        Span<ushort> tableSpan = tableStorage[..(1 << bits)];
        tableSpan.Clear();
        ref ushort table = ref MemoryMarshal.GetReference(tableSpan);
        int shift = 32 - bits;

        int ipLimit = n - InputMarginBytes;
        int nextEmit = 0;
        int ip = 1;
        uint nextHash = Hash(Load32(ref src, ip), shift);

        while (true)
        {
            // Look for a 4-byte match; the step grows in incompressible regions (one more byte every 32 misses).
            int skip = 32;
            int nextIp = ip;
            int candidate;
            do
            {
                ip = nextIp;
                uint h = nextHash;
                nextIp = ip + (skip++ >> 5);
                if (nextIp > ipLimit)
                {
                    goto EmitRemainder;
                }

                nextHash = Hash(Load32(ref src, nextIp), shift);
                candidate = Unsafe.Add(ref table, h);
                Unsafe.Add(ref table, h) = (ushort)ip;
            }
            while (Load32(ref src, ip) != Load32(ref src, candidate));

            op = EmitLiteral(ref dst, op, ref src, nextEmit, ip - nextEmit);

            // Emit copies as long as the byte right after a copy starts another match.
            ulong x;
            do
            {
                int matchStart = ip;
                int matched = 4 + MatchLength(ref src, candidate + 4, ip + 4, n);
                ip += matched;
                op = EmitCopy(ref dst, op, matchStart - candidate, matched);
                nextEmit = ip;
                if (ip >= ipLimit)
                {
                    goto EmitRemainder;
                }

                x = Load64(ref src, ip - 1);
                Unsafe.Add(ref table, Hash((uint)x, shift)) = (ushort)(ip - 1);
                uint currentHash = Hash((uint)(x >> 8), shift);
                candidate = Unsafe.Add(ref table, currentHash);
                Unsafe.Add(ref table, currentHash) = (ushort)ip;
            }
            while ((uint)(x >> 8) == Load32(ref src, candidate));

            ip++;
            nextHash = Hash(Load32(ref src, ip), shift);
        }

    EmitRemainder:
        if (nextEmit < n)
        {
            op = EmitLiteral(ref dst, op, ref src, nextEmit, n - nextEmit);
        }

        return op;
    }

    /// <summary>Number of equal bytes at <paramref name="a"/> and <paramref name="b"/> (a &lt; b), not reading past <paramref name="limit"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MatchLength(ref byte src, int a, int b, int limit)
    {
        int start = b;
        while (b <= limit - 8)
        {
            ulong diff = Load64(ref src, a) ^ Load64(ref src, b);
            if (diff != 0)
            {
                return b - start + (BitConverter.IsLittleEndian
                    ? BitOperations.TrailingZeroCount(diff) >> 3
                    : BitOperations.LeadingZeroCount(diff) >> 3);
            }

            a += 8;
            b += 8;
        }

        while (b < limit && Unsafe.Add(ref src, a) == Unsafe.Add(ref src, b))
        {
            a++;
            b++;
        }

        return b - start;
    }

    private static int EmitLiteral(ref byte dst, int op, ref byte src, int start, int length)
    {
        int n = length - 1;
        if (n < 60)
        {
            Unsafe.Add(ref dst, op++) = (byte)(n << 2);
        }
        else if (n < 1 << 8)
        {
            Unsafe.Add(ref dst, op++) = 60 << 2;
            Unsafe.Add(ref dst, op++) = (byte)n;
        }
        else if (n < 1 << 16)
        {
            Unsafe.Add(ref dst, op++) = 61 << 2;
            Unsafe.Add(ref dst, op++) = (byte)n;
            Unsafe.Add(ref dst, op++) = (byte)(n >> 8);
        }
        else if (n < 1 << 24)
        {
            Unsafe.Add(ref dst, op++) = 62 << 2;
            Unsafe.Add(ref dst, op++) = (byte)n;
            Unsafe.Add(ref dst, op++) = (byte)(n >> 8);
            Unsafe.Add(ref dst, op++) = (byte)(n >> 16);
        }
        else
        {
            Unsafe.Add(ref dst, op++) = 63 << 2;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, op), BitConverter.IsLittleEndian ? (uint)n : BinaryPrimitives.ReverseEndianness((uint)n));
            op += 4;
        }

        Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref dst, op), ref Unsafe.Add(ref src, start), (uint)length);
        return op + length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EmitCopy(ref byte dst, int op, int offset, int length)
    {
        // Long matches: 64-byte copy-2 elements, keeping at least 4 bytes for the last element.
        while (length >= 68)
        {
            op = EmitCopy2(ref dst, op, offset, 64);
            length -= 64;
        }

        if (length > 64)
        {
            op = EmitCopy2(ref dst, op, offset, 60);
            length -= 60;
        }

        if (length < 12 && offset < 2048)
        {
            Unsafe.Add(ref dst, op) = (byte)(1 | ((length - 4) << 2) | ((offset >> 8) << 5));
            Unsafe.Add(ref dst, op + 1) = (byte)offset;
            return op + 2;
        }

        return EmitCopy2(ref dst, op, offset, length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EmitCopy2(ref byte dst, int op, int offset, int length)
    {
        Unsafe.Add(ref dst, op) = (byte)(2 | ((length - 1) << 2));
        Unsafe.Add(ref dst, op + 1) = (byte)offset;
        Unsafe.Add(ref dst, op + 2) = (byte)(offset >> 8);
        return op + 3;
    }
}
