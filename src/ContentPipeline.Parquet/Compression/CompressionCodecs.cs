using System.IO.Compression;
using ContentPipeline.Parquet.Encodings;
using ContentPipeline.Parquet.Format;

namespace ContentPipeline.Parquet.Compression;

/// <summary>
/// Compresses and decompresses page bodies. Per Compression.md: SNAPPY is raw Snappy blocks, GZIP is the gzip
/// (RFC 1952) format, BROTLI is a raw Brotli stream.
/// </summary>
internal static class CompressionCodecs
{
    public static CompressionCodec ToCodec(CompressionMethod m) => m switch
    {
        CompressionMethod.None => CompressionCodec.Uncompressed,
        CompressionMethod.Snappy => CompressionCodec.Snappy,
        CompressionMethod.Gzip => CompressionCodec.Gzip,
        CompressionMethod.Brotli => CompressionCodec.Brotli,
        _ => throw new NotSupportedException($"Compression method {m} is not supported."),
    };

    /// <summary>Compresses <paramref name="source"/> and appends the result to <paramref name="output"/>.</summary>
    public static void Compress(CompressionCodec codec, ReadOnlySpan<byte> source, ByteBuffer output)
    {
        switch (codec)
        {
            case CompressionCodec.Uncompressed:
                output.Write(source);
                break;
            case CompressionCodec.Snappy:
            {
                int max = Snappy.GetMaxCompressedLength(source.Length);
                int n = Snappy.Compress(source, output.GetSpan(max)[..max]);
                output.Advance(n);
                break;
            }
            case CompressionCodec.Gzip:
            {
                if (source.IsEmpty)
                {
                    // GZipStream writes nothing for empty input; a member is still required: header, empty final block, CRC 0, size 0.
                    output.Write([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF, 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
                    break;
                }
                using var sink = new ByteBufferStream(output);
                using (var gz = new GZipStream(sink, CompressionLevel.Fastest, leaveOpen: true))
                    gz.Write(source);
                break;
            }
            case CompressionCodec.Brotli:
            {
                int max = BrotliEncoder.GetMaxCompressedLength(source.Length);
                var dest = output.GetSpan(max)[..max];
                using var enc = new BrotliEncoder(quality: 4, window: 22);
                var status = enc.Compress(source, dest, out _, out int written, isFinalBlock: true);
                if (status != System.Buffers.OperationStatus.Done) throw new InvalidOperationException($"Brotli compression failed: {status}.");
                output.Advance(written);
                break;
            }
            default:
                throw new NotSupportedException($"Compression codec {codec} is not supported for writing.");
        }
    }

    /// <summary>
    /// Decompresses exactly <paramref name="destination"/>.Length bytes; anything else is a
    /// <see cref="ParquetFormatException"/> whose message starts with <paramref name="context"/>.
    /// </summary>
    public static void Decompress(CompressionCodec codec, ReadOnlySpan<byte> source, Span<byte> destination, string context)
    {
        try
        {
            switch (codec)
            {
                case CompressionCodec.Uncompressed:
                    if (source.Length != destination.Length)
                        throw new ParquetFormatException($"{context}: uncompressed page is {source.Length} bytes, header says {destination.Length}.");
                    source.CopyTo(destination);
                    return;
                case CompressionCodec.Snappy:
                {
                    int len = Snappy.GetUncompressedLength(source);
                    if (len != destination.Length)
                        throw new ParquetFormatException($"{context}: snappy data decompresses to {len} bytes, header says {destination.Length}.");
                    int n = Snappy.Decompress(source, destination);
                    if (n != destination.Length)
                        throw new ParquetFormatException($"{context}: snappy data decompressed to {n} bytes, header says {destination.Length}.");
                    return;
                }
                case CompressionCodec.Gzip:
                {
                    if (source.IsEmpty)
                    {
                        if (destination.Length == 0) return;
                        throw new ParquetFormatException($"{context}: empty gzip data, header says {destination.Length} bytes.");
                    }
                    unsafe
                    {
                        fixed (byte* p = source)
                        {
                            using var ums = new UnmanagedMemoryStream(p, source.Length);
                            using var gz = new GZipStream(ums, CompressionMode.Decompress);
                            ReadExactly(gz, destination, context);
                        }
                    }
                    return;
                }
                case CompressionCodec.Brotli:
                {
                    using var dec = new BrotliDecoder();
                    var status = dec.Decompress(source, destination, out _, out int written);
                    if (written != destination.Length || status is System.Buffers.OperationStatus.InvalidData or System.Buffers.OperationStatus.NeedMoreData)
                        throw new ParquetFormatException($"{context}: brotli data is corrupt or does not decompress to {destination.Length} bytes ({status}, {written} bytes).");
                    return;
                }
                default:
                    throw new ParquetFormatException($"{context}: compression codec {codec} is not supported.");
            }
        }
        catch (ParquetFormatException ex) when (!ex.Message.StartsWith(context, StringComparison.Ordinal))
        {
            throw new ParquetFormatException($"{context}: {ex.Message}", ex); // codec errors gain the page's location
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new ParquetFormatException($"{context}: corrupt {codec} data: {ex.Message}", ex);
        }
    }

    private static void ReadExactly(Stream s, Span<byte> destination, string context)
    {
        int total = 0;
        while (total < destination.Length)
        {
            int n = s.Read(destination[total..]);
            if (n == 0) throw new ParquetFormatException($"{context}: gzip data decompresses to {total} bytes, header says {destination.Length}.");
            total += n;
        }
        Span<byte> probe = stackalloc byte[1];
        if (s.Read(probe) != 0) throw new ParquetFormatException($"{context}: gzip data decompresses to more than the {destination.Length} bytes the header says.");
    }

    /// <summary>Write-only stream adapter over a <see cref="ByteBuffer"/>.</summary>
    private sealed class ByteBufferStream(ByteBuffer buffer) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => buffer.Length;
        public override long Position { get => buffer.Length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] b, int o, int c) => throw new NotSupportedException();
        public override long Seek(long o, SeekOrigin s) => throw new NotSupportedException();
        public override void SetLength(long v) => throw new NotSupportedException();
        public override void Write(byte[] b, int o, int c) => buffer.Write(b.AsSpan(o, c));
        public override void Write(ReadOnlySpan<byte> s) => buffer.Write(s);
    }
}
