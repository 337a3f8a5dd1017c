using System.Buffers;
using System.Runtime.InteropServices;
using ContentPipeline.Parquet.Compression;
using ContentPipeline.Parquet.Encodings;
using ContentPipeline.Parquet.Format;
using ContentPipeline.Parquet.Schema;
using ContentPipeline.Parquet.Statistics;
using ContentPipeline.Parquet.Thrift;

namespace ContentPipeline.Parquet.IO;

/// <summary>
/// Encodes one <see cref="ColumnBuffer"/> into a column chunk: an optional dictionary page (PLAIN) followed by
/// v1 data pages (RLE levels; RLE_DICTIONARY or PLAIN values), each compressed with the chunk's codec.
/// Dictionary encoding is tried for byte arrays and INT32/INT64; it is abandoned for the whole chunk when the first
/// page shows too many distinct values, and stops (later pages PLAIN) when the dictionary outgrows its limit.
/// </summary>
internal sealed class ColumnChunkWriter : IDisposable
{
    private readonly ByteBuffer _page = new(1 << 20);
    private readonly ByteBuffer _compressed = new(1 << 20);
    private readonly ByteBuffer _dataPages = new(1 << 20);
    private readonly CompactProtocolWriter _header = new(256);
    private readonly DictionaryBuilder _dict = new();
    private int[] _indices = ArrayPool<int>.Shared.Rent(4096);
    private readonly ParquetWriterOptions _options;

    public ColumnChunkWriter(ParquetWriterOptions options)
    {
        _options = options;
    }

    /// <summary>The encoded chunk (dictionary page, then data pages) after <see cref="Encode"/>.</summary>
    public ByteBuffer Output { get; } = new(1 << 20);

    private long _uncompressedTotal;
    private int _dictPages, _plainPages, _dictDataPages;

    /// <summary>Encodes the column; the returned metadata's offsets assume <see cref="Output"/> is written at <paramref name="fileOffset"/>.</summary>
    public ColumnChunk Encode(ColumnBuffer buf, CompressionCodec codec, long fileOffset)
    {
        Output.Clear();
        _dataPages.Clear();
        _dict.Clear();
        _uncompressedTotal = 0;
        _dictPages = _plainPages = _dictDataPages = 0;
        var field = buf.Field;
        bool useDict = _options.UseDictionaryEncoding && buf.Kind is ValueKind.String or ValueKind.Binary or ValueKind.Int32
            or ValueKind.Int64 or ValueKind.Date or ValueKind.TimestampMicros or ValueKind.TimestampMillis or ValueKind.TimestampNanos;
        bool dictUsed = false;
        var def = buf.DefinitionLevels;
        var rep = buf.RepetitionLevels;
        int maxDef = field.MaxDefinitionLevel;
        bool hasDef = buf.HasDefinitionLevels, hasRep = buf.HasRepetitionLevels;
        int levelCount = buf.LevelCount;
        int li = 0, vi = 0;
        bool first = true;
        int pageSize = Math.Max(1024, _options.DataPageSize);
        do
        {
            // Find the page's end on a row boundary once it holds about pageSize bytes.
            int le = li, ve = vi;
            if (!hasDef)
            {
                // Required flat column: one value per level.
                le = ve = FixedPageEnd(buf, vi, levelCount, pageSize);
            }
            else
            {
                int maxLevels = _options.MaxLevelsPerPage;
                while (le < levelCount)
                {
                    do
                    {
                        if (def[le] == maxDef) ve++;
                        le++;
                    } while (hasRep && le < levelCount && rep[le] != 0);
                    if (le - li >= maxLevels || PageBytes(buf, vi, ve) >= pageSize) break;
                }
            }

            bool pageDict = false;
            if (useDict && ve > vi)
            {
                BuildIndices(buf, vi, ve);
                int values = ve - vi;
                if (first && !dictUsed && values > 0 && _dict.Count > values * _options.DictionaryMaxDistinctRatio)
                {
                    useDict = false; // poor fit: never use a dictionary for this chunk
                    _dict.Clear();
                }
                else
                {
                    pageDict = true;
                    dictUsed = true;
                }
            }
            WriteDataPage(buf, codec, li, le, vi, ve, pageDict, def, rep);
            if (pageDict && (_dict.EncodedBytes > _options.DictionaryPageSizeLimit || _dict.Count > _options.DictionaryMaxEntries))
                useDict = false; // fall back to PLAIN for the rest of the chunk
            if (ve > vi) first = false;
            li = le;
            vi = ve;
        } while (li < levelCount);

        var meta = new ColumnMetaData
        {
            Type = field.PhysicalType,
            PathInSchema = [.. field.PathParts],
            Codec = codec,
            NumValues = levelCount,
            // When every page used the dictionary, its entries are exactly the distinct values.
            Statistics = StatisticsBuilder.Build(buf, dictUsed && _plainPages == 0 ? _dict.EntryValueIndices : default),
        };
        var encodings = new List<ParquetEncoding>();
        meta.EncodingStats = [];
        if (dictUsed)
        {
            meta.DictionaryPageOffset = fileOffset;
            WriteDictionaryPage(buf, codec);
            encodings.Add(ParquetEncoding.Plain);
            meta.EncodingStats.Add(new PageEncodingStats { PageType = PageType.DictionaryPage, Encoding = ParquetEncoding.Plain, Count = 1 });
        }
        meta.DataPageOffset = fileOffset + Output.Length;
        Output.Write(_dataPages.WrittenSpan);
        encodings.Add(ParquetEncoding.Rle);
        if (_plainPages > 0)
        {
            if (!encodings.Contains(ParquetEncoding.Plain)) encodings.Add(ParquetEncoding.Plain);
            meta.EncodingStats.Add(new PageEncodingStats { PageType = PageType.DataPage, Encoding = ParquetEncoding.Plain, Count = _plainPages });
        }
        if (_dictDataPages > 0)
        {
            encodings.Add(ParquetEncoding.RleDictionary);
            meta.EncodingStats.Add(new PageEncodingStats { PageType = PageType.DataPage, Encoding = ParquetEncoding.RleDictionary, Count = _dictDataPages });
        }
        meta.Encodings = encodings;
        meta.TotalCompressedSize = Output.Length;
        meta.TotalUncompressedSize = _uncompressedTotal;
        return new ColumnChunk { FileOffset = fileOffset, MetaData = meta };
    }

    /// <summary>PLAIN size of values [vi, ve).</summary>
    private static long PageBytes(ColumnBuffer buf, int vi, int ve)
    {
        if (!buf.IsByteArray) return (long)buf.Width * (ve - vi);
        if (ve == vi) return 0;
        var o = buf.Offsets;
        return o[ve - 1] - (vi == 0 ? 0 : o[vi - 1]) + 4L * (ve - vi);
    }

    /// <summary>End of a page of a column without levels, starting at value <paramref name="vi"/>.</summary>
    private int FixedPageEnd(ColumnBuffer buf, int vi, int count, int pageSize)
    {
        int maxLevels = _options.MaxLevelsPerPage;
        if (!buf.IsByteArray)
        {
            long n = Math.Max(1, pageSize / Math.Max(1, buf.Width));
            return (int)Math.Min(count, Math.Min(vi + n, (long)vi + maxLevels));
        }
        int limit = (int)Math.Min(count, (long)vi + maxLevels);
        var o = buf.Offsets;
        long start = vi == 0 ? 0 : o[vi - 1];
        int ve = vi;
        while (ve < limit)
        {
            ve++;
            if (o[ve - 1] - start + 4L * (ve - vi) >= pageSize) break;
        }
        return ve;
    }

    private struct ByteArrayLookup(ColumnBuffer buf) : IValueLookup
    {
        public ReadOnlySpan<byte> Get(int valueIndex) => buf.GetValue(valueIndex);
    }

    private struct FixedLookup(ColumnBuffer buf) : IValueLookup
    {
        public ReadOnlySpan<byte> Get(int valueIndex) => buf.ValueBytes.Slice(valueIndex * buf.Width, buf.Width);
    }

    private void BuildIndices(ColumnBuffer buf, int vi, int ve)
    {
        int n = ve - vi;
        if (_indices.Length < n)
        {
            ArrayPool<int>.Shared.Return(_indices);
            _indices = ArrayPool<int>.Shared.Rent(n);
        }
        if (buf.IsByteArray)
        {
            var lookup = new ByteArrayLookup(buf);
            var offsets = buf.Offsets;
            var bytes = buf.ValueBytes;
            int start = vi == 0 ? 0 : offsets[vi - 1];
            for (int i = vi; i < ve; i++)
            {
                int end = offsets[i];
                _indices[i - vi] = _dict.GetOrAdd(bytes[start..end], i, ref lookup, 4);
                start = end;
            }
        }
        else
        {
            var lookup = new FixedLookup(buf);
            int w = buf.Width;
            var bytes = buf.ValueBytes;
            for (int i = vi; i < ve; i++)
                _indices[i - vi] = _dict.GetOrAdd(bytes.Slice(i * w, w), i, ref lookup, 0);
        }
    }

    private void WriteDataPage(ColumnBuffer buf, CompressionCodec codec, int li, int le, int vi, int ve, bool dict,
        ReadOnlySpan<int> def, ReadOnlySpan<int> rep)
    {
        _page.Clear();
        var field = buf.Field;
        if (buf.HasRepetitionLevels) WriteLevels(rep[li..le], field.MaxRepetitionLevel);
        if (buf.HasDefinitionLevels) WriteLevels(def[li..le], field.MaxDefinitionLevel);
        ParquetEncoding encoding;
        if (dict)
        {
            int bitWidth = Math.Max(1, RleBitPackedHybrid.BitWidth(_dict.Count - 1));
            _page.WriteByte((byte)bitWidth);
            RleBitPackedHybrid.Encode(_indices.AsSpan(0, ve - vi), bitWidth, _page);
            encoding = ParquetEncoding.RleDictionary;
            _dictDataPages++;
        }
        else
        {
            WritePlain(buf, vi, ve, _page);
            encoding = ParquetEncoding.Plain;
            _plainPages++;
        }
        var header = new PageHeader
        {
            Type = PageType.DataPage,
            DataPageHeader = new DataPageHeader { NumValues = le - li, Encoding = encoding },
        };
        WritePage(header, codec, _dataPages);
    }

    private void WriteDictionaryPage(ColumnBuffer buf, CompressionCodec codec)
    {
        _page.Clear();
        foreach (int valueIndex in _dict.EntryValueIndices)
        {
            if (buf.IsByteArray)
            {
                var v = buf.GetValue(valueIndex);
                _page.WriteInt32LittleEndian(v.Length);
                _page.Write(v);
            }
            else
            {
                _page.Write(buf.ValueBytes.Slice(valueIndex * buf.Width, buf.Width));
            }
        }
        var header = new PageHeader
        {
            Type = PageType.DictionaryPage,
            DictionaryPageHeader = new DictionaryPageHeader { NumValues = _dict.Count, Encoding = ParquetEncoding.Plain },
        };
        WritePage(header, codec, Output);
    }

    private void WriteLevels(ReadOnlySpan<int> levels, int max)
    {
        int lengthAt = _page.Length;
        _page.WriteInt32LittleEndian(0);
        RleBitPackedHybrid.Encode(levels, RleBitPackedHybrid.BitWidth(max), _page);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(_page.Array.AsSpan(lengthAt), _page.Length - lengthAt - 4);
    }

    internal static void WritePlain(ColumnBuffer buf, int vi, int ve, ByteBuffer output)
    {
        var bytes = buf.ValueBytes;
        if (buf.Kind == ValueKind.Boolean)
        {
            int n = ve - vi;
            int nbytes = (n + 7) / 8;
            var dest = output.GetSpan(nbytes)[..nbytes];
            dest.Clear();
            for (int i = 0; i < n; i++)
                if (bytes[vi + i] != 0) dest[i >> 3] |= (byte)(1 << (i & 7));
            output.Advance(nbytes);
        }
        else if (buf.IsByteArray)
        {
            var offsets = buf.Offsets;
            int start = vi == 0 ? 0 : offsets[vi - 1];
            int total = offsets.Length == 0 || ve == 0 ? 0 : offsets[ve - 1] - start;
            var dest = output.GetSpan(total + 4 * (ve - vi));
            int o = 0;
            for (int i = vi; i < ve; i++)
            {
                int end = offsets[i];
                int len = end - start;
                MemoryMarshal.Write(dest[o..], in len);
                bytes[start..end].CopyTo(dest[(o + 4)..]);
                o += 4 + len;
                start = end;
            }
            output.Advance(o);
        }
        else
        {
            output.Write(bytes[(vi * buf.Width)..(ve * buf.Width)]);
        }
    }

    private void WritePage(PageHeader header, CompressionCodec codec, ByteBuffer destination)
    {
        _compressed.Clear();
        CompressionCodecs.Compress(codec, _page.WrittenSpan, _compressed);
        header.UncompressedPageSize = _page.Length;
        header.CompressedPageSize = _compressed.Length;
        _header.Reset();
        header.Write(_header);
        destination.Write(_header.WrittenSpan);
        destination.Write(_compressed.WrittenSpan);
        _uncompressedTotal += _header.Length + _page.Length;
    }

    public void Dispose()
    {
        _page.Dispose();
        _compressed.Dispose();
        _dataPages.Dispose();
        Output.Dispose();
        _header.Dispose();
        _dict.Dispose();
        ArrayPool<int>.Shared.Return(_indices);
        _indices = [];
    }
}
