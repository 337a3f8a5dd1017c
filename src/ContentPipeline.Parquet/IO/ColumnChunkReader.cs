using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using ContentPipeline.Parquet.Compression;
using ContentPipeline.Parquet.Encodings;
using ContentPipeline.Parquet.Format;
using ContentPipeline.Parquet.Schema;
using ContentPipeline.Parquet.Thrift;

namespace ContentPipeline.Parquet.IO;

/// <summary>
/// Decodes the pages of one column chunk: dictionary page, data pages v1 and v2, PLAIN / PLAIN_DICTIONARY /
/// RLE_DICTIONARY values, RLE levels, any codec this library knows. Every size and count read from the file is
/// checked before it is used; errors name the column, row group, page and byte offset.
/// </summary>
internal sealed class ColumnChunkReader
{
    /// <summary>Largest decompressed page accepted.</summary>
    public const int MaxPageSize = 512 << 20;

    /// <summary>Largest number of level entries in one page that a few bytes may claim (RLE of nulls).</summary>
    private const int MinValuesBound = 1 << 20;

    private readonly DataField _field;
    private readonly ColumnMetaData _meta;
    private readonly byte[] _chunk;
    private readonly long _chunkOffset;
    private readonly int _rowGroup;
    private readonly long _rowCount;

    private int[]? _def;
    private int[]? _rep;
    private int _levels;
    private Array _values;
    private int _valueCount;
    private Array? _dict;
    private int _dictCount;
    private int _page;
    private long _pageOffset;

    public ColumnChunkReader(DataField field, ColumnMetaData meta, byte[] chunk, long chunkOffset, int rowGroup, long rowCount)
    {
        _field = field;
        _meta = meta;
        _chunk = chunk;
        _chunkOffset = chunkOffset;
        _rowGroup = rowGroup;
        _rowCount = rowCount;
        _values = NewArray(0);
    }

    private string Where => $"column '{_field.Path}' in row group {_rowGroup}, page {_page} at byte offset {_pageOffset}";

    private ParquetFormatException Error(string message) => new($"Corrupt {Where}: {message}");

    public ColumnData Read()
    {
        long total = _meta.NumValues;
        if (total < 0) throw Error($"negative num_values {total}");
        if (_field.MaxRepetitionLevel == 0 && total != _rowCount)
            throw Error($"column chunk has {total} values but the row group has {_rowCount} rows");
        if (total > int.MaxValue) throw Error($"column chunk has {total} values, more than this reader supports");
        int expected = (int)total;
        int initial = (int)Math.Min(expected, 1 << 16);
        if (_field.MaxDefinitionLevel > 0) _def = new int[initial];
        if (_field.MaxRepetitionLevel > 0) _rep = new int[initial];
        _values = NewArray(Math.Min(initial, 1024));

        int pos = 0;
        byte[]? scratch = null;
        try
        {
            while (_levels < expected)
            {
                _pageOffset = _chunkOffset + pos;
                if (pos >= _chunk.Length)
                    throw Error($"the column chunk ends after {_levels} of {expected} values");
                var r = new CompactProtocolReader(_chunk, pos, _chunk.Length - pos, _chunkOffset + pos, $"page header of {Where}");
                var header = PageHeader.Read(r);
                pos += r.Consumed;
                if (header.CompressedPageSize > _chunk.Length - pos)
                    throw Error($"page of {header.CompressedPageSize} bytes exceeds the {_chunk.Length - pos} bytes left in the column chunk");
                var body = _chunk.AsSpan(pos, header.CompressedPageSize);
                pos += header.CompressedPageSize;
                switch (header.Type)
                {
                    case PageType.DictionaryPage:
                        ReadDictionaryPage(header, body, ref scratch);
                        break;
                    case PageType.DataPage:
                        ReadDataPageV1(header, body, expected, ref scratch);
                        break;
                    case PageType.DataPageV2:
                        ReadDataPageV2(header, body, expected, ref scratch);
                        break;
                    default:
                        break; // index pages and unknown page types are skipped
                }
                _page++;
            }
        }
        finally
        {
            if (scratch != null) ArrayPool<byte>.Shared.Return(scratch);
        }
        if (_field.MaxRepetitionLevel > 0)
        {
            int rows = 0;
            for (int i = 0; i < _levels; i++) if (_rep![i] == 0) rows++;
            if (rows != _rowCount) throw Error($"column chunk has {rows} rows but the row group has {_rowCount}");
        }
        return new ColumnData
        {
            Field = _field,
            Values = _values,
            ValueCount = _valueCount,
            LevelCount = _levels,
            DefinitionLevels = _def,
            RepetitionLevels = _rep,
            Context = $"column '{_field.Path}' in row group {_rowGroup}",
        };
    }

    private Span<byte> Decompress(ReadOnlySpan<byte> body, int uncompressedSize, ref byte[]? scratch, string part)
    {
        if (uncompressedSize < 0 || uncompressedSize > MaxPageSize)
            throw Error($"uncompressed {part} size {uncompressedSize} is outside 0..{MaxPageSize}");
        if (_meta.Codec is not (CompressionCodec.Uncompressed or CompressionCodec.Snappy or CompressionCodec.Gzip or CompressionCodec.Brotli))
            throw new ParquetFormatException($"Unsupported: {Where} uses compression codec {_meta.Codec} (this reader supports UNCOMPRESSED, SNAPPY, GZIP, BROTLI).");
        if (_meta.Codec == CompressionCodec.Uncompressed)
        {
            if (body.Length != uncompressedSize)
                throw Error($"uncompressed page holds {body.Length} bytes, header says {uncompressedSize}");
            return MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(body), body.Length);
        }
        // A hostile header could claim a huge size for a few bytes: bound by the best ratio any codec achieves.
        if (uncompressedSize > 16 << 20 && (long)uncompressedSize > (long)body.Length * 4096)
            throw Error($"page claims {uncompressedSize} bytes from {body.Length} compressed bytes");
        if (scratch == null || scratch.Length < uncompressedSize)
        {
            if (scratch != null) ArrayPool<byte>.Shared.Return(scratch);
            scratch = ArrayPool<byte>.Shared.Rent(Math.Max(uncompressedSize, 1024));
        }
        var dest = scratch.AsSpan(0, uncompressedSize);
        CompressionCodecs.Decompress(_meta.Codec, body, dest, $"Corrupt {Where}");
        return dest;
    }

    private void ReadDictionaryPage(PageHeader header, ReadOnlySpan<byte> body, ref byte[]? scratch)
    {
        var dh = header.DictionaryPageHeader ?? throw Error("dictionary page without dictionary_page_header");
        if (_dict != null) throw Error("second dictionary page in one column chunk");
        if (_levels > 0) throw Error("dictionary page after data pages");
        if (dh.Encoding is not (ParquetEncoding.Plain or ParquetEncoding.PlainDictionary))
            throw Error($"dictionary page encoding {dh.Encoding} is not PLAIN");
        var data = Decompress(body, header.UncompressedPageSize, ref scratch, "dictionary page");
        int n = dh.NumValues;
        if (n < 0 || (long)n * MinPlainBits() > (long)data.Length * 8) throw Error($"dictionary claims {n} values in {data.Length} bytes");
        if (_field.Kind == ValueKind.Boolean) throw Error("dictionary encoding is not allowed for BOOLEAN");
        var saveValues = _values;
        int saveCount = _valueCount;
        _values = NewArray(n);
        _valueCount = 0;
        int consumed = DecodePlain(data, n);
        _ = consumed;
        _dict = _values;
        _dictCount = n;
        _values = saveValues;
        _valueCount = saveCount;
    }

    private int CheckNumValues(int numValues, int expected, int byteCount)
    {
        if (numValues < 0) throw Error($"negative num_values {numValues}");
        if (numValues > expected - _levels)
            throw Error($"page has {numValues} values but only {expected - _levels} of the column chunk's {expected} remain");
        if (numValues > Math.Max(MinValuesBound, (long)byteCount * 8 * 64))
            throw Error($"page claims {numValues} values in {byteCount} bytes");
        return numValues;
    }

    private void ReadDataPageV1(PageHeader header, ReadOnlySpan<byte> body, int expected, ref byte[]? scratch)
    {
        var dh = header.DataPageHeader ?? throw Error("data page without data_page_header");
        var data = Decompress(body, header.UncompressedPageSize, ref scratch, "page");
        int n = CheckNumValues(dh.NumValues, expected, data.Length);
        EnsureLevels(n);
        int pos = 0;
        if (_field.MaxRepetitionLevel > 0)
            pos += ReadLevelsV1(data[pos..], dh.RepetitionLevelEncoding, _rep!.AsSpan(_levels, n), _field.MaxRepetitionLevel, "repetition");
        if (_field.MaxDefinitionLevel > 0)
            pos += ReadLevelsV1(data[pos..], dh.DefinitionLevelEncoding, _def!.AsSpan(_levels, n), _field.MaxDefinitionLevel, "definition");
        ReadValues(data[pos..], dh.Encoding, n);
    }

    private void ReadDataPageV2(PageHeader header, ReadOnlySpan<byte> body, int expected, ref byte[]? scratch)
    {
        var dh = header.DataPageHeaderV2 ?? throw Error("data page v2 without data_page_header_v2");
        int repLen = dh.RepetitionLevelsByteLength, defLen = dh.DefinitionLevelsByteLength;
        if (repLen < 0 || defLen < 0 || (long)repLen + defLen > body.Length)
            throw Error($"level lengths {repLen} + {defLen} exceed the page's {body.Length} bytes");
        int n = CheckNumValues(dh.NumValues, expected, header.UncompressedPageSize);
        EnsureLevels(n);
        if (_field.MaxRepetitionLevel > 0)
            RleBitPackedHybrid.Decode(body[..repLen], RleBitPackedHybrid.BitWidth(_field.MaxRepetitionLevel), _rep!.AsSpan(_levels, n), _field.MaxRepetitionLevel, $"Corrupt {Where} repetition levels");
        if (_field.MaxDefinitionLevel > 0)
            RleBitPackedHybrid.Decode(body.Slice(repLen, defLen), RleBitPackedHybrid.BitWidth(_field.MaxDefinitionLevel), _def!.AsSpan(_levels, n), _field.MaxDefinitionLevel, $"Corrupt {Where} definition levels");
        var valuesBody = body[(repLen + defLen)..];
        int uncompressedValues = header.UncompressedPageSize - repLen - defLen;
        if (uncompressedValues < 0) throw Error("uncompressed_page_size is smaller than the level lengths");
        ReadOnlySpan<byte> values = dh.IsCompressed && _meta.Codec != CompressionCodec.Uncompressed
            ? Decompress(valuesBody, uncompressedValues, ref scratch, "page values")
            : valuesBody;
        ReadValues(values, dh.Encoding, n);
    }

    private int ReadLevelsV1(ReadOnlySpan<byte> data, ParquetEncoding encoding, Span<int> output, int max, string what)
    {
        if (encoding != ParquetEncoding.Rle) throw Error($"{what} level encoding {encoding} is not supported (only RLE)");
        if (data.Length < 4) throw Error($"{what} levels truncated");
        int len = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (len < 0 || len > data.Length - 4) throw Error($"{what} levels length {len} exceeds the {data.Length - 4} bytes of the page");
        RleBitPackedHybrid.Decode(data.Slice(4, len), RleBitPackedHybrid.BitWidth(max), output, max, $"Corrupt {Where} {what} levels");
        return 4 + len;
    }

    private void EnsureLevels(int n)
    {
        int need = _levels + n;
        if (_def != null && _def.Length < need) Array.Resize(ref _def, Math.Max(need, _def.Length * 2));
        if (_rep != null && _rep.Length < need) Array.Resize(ref _rep, Math.Max(need, _rep.Length * 2));
    }

    private void ReadValues(ReadOnlySpan<byte> data, ParquetEncoding encoding, int n)
    {
        int present = n;
        if (_def != null)
        {
            present = 0;
            int maxDef = _field.MaxDefinitionLevel;
            foreach (int d in _def.AsSpan(_levels, n)) if (d == maxDef) present++;
        }
        EnsureValues(present, data.Length, encoding);
        switch (encoding)
        {
            case ParquetEncoding.Plain:
                DecodePlain(data, present);
                break;
            case ParquetEncoding.PlainDictionary:
            case ParquetEncoding.RleDictionary:
                DecodeDictionaryIndices(data, present);
                break;
            case ParquetEncoding.DeltaBinaryPacked:
            case ParquetEncoding.DeltaLengthByteArray:
            case ParquetEncoding.DeltaByteArray:
            case ParquetEncoding.ByteStreamSplit:
                DecodeOther(data, encoding, present);
                break;
            case ParquetEncoding.Rle when _field.PhysicalType == PhysicalType.Boolean:
            {
                // RLE booleans: 4-byte length, then the hybrid with bit width 1.
                if (data.Length < 4) throw Error("RLE boolean values truncated");
                int len = BinaryPrimitives.ReadInt32LittleEndian(data);
                if (len < 0 || len > data.Length - 4) throw Error($"RLE boolean length {len} exceeds the page");
                var bits = new int[present];
                RleBitPackedHybrid.Decode(data.Slice(4, len), 1, bits, 1, $"Corrupt {Where} boolean values");
                var dst = (bool[])_values;
                for (int i = 0; i < present; i++) dst[_valueCount + i] = bits[i] != 0;
                _valueCount += present;
                break;
            }
            default:
                throw Error($"value encoding {encoding} is not supported");
        }
        _levels += n;
    }

    private void EnsureValues(int present, int byteCount, ParquetEncoding encoding)
    {
        // PLAIN values take at least one bit each (booleans); dictionary indices may be run-length encoded.
        if (encoding == ParquetEncoding.Plain && (long)present * MinPlainBits() > (long)byteCount * 8)
            throw Error($"{present} PLAIN values cannot fit in {byteCount} bytes");
        int need = _valueCount + present;
        if (_values.Length < need)
        {
            var bigger = NewArray(Math.Max(need, Math.Min(_values.Length * 2, (int)Math.Min(_meta.NumValues, int.MaxValue))));
            Array.Copy(_values, bigger, _valueCount);
            _values = bigger;
        }
    }

    /// <summary>Fewest bits a PLAIN value of this column can take.</summary>
    private int MinPlainBits() => _field.PhysicalType switch
    {
        PhysicalType.Boolean => 1,
        PhysicalType.Int32 or PhysicalType.Float => 32,
        PhysicalType.Int64 or PhysicalType.Double => 64,
        PhysicalType.Int96 => 96,
        PhysicalType.FixedLenByteArray => Math.Max(8, _field.TypeLength * 8),
        _ => 32,
    };

    private Array NewArray(int n) => _field.PhysicalType switch
    {
        PhysicalType.Boolean => new bool[n],
        PhysicalType.Int32 => new int[n],
        PhysicalType.Int64 => new long[n],
        PhysicalType.Float => new float[n],
        PhysicalType.Double => new double[n],
        PhysicalType.ByteArray when _field.Kind == ValueKind.String => new string[n],
        _ => new byte[n][],
    };

    /// <summary>Decodes <paramref name="n"/> PLAIN values into <see cref="_values"/>; returns bytes consumed.</summary>
    private int DecodePlain(ReadOnlySpan<byte> data, int n)
    {
        switch (_field.PhysicalType)
        {
            case PhysicalType.Boolean:
            {
                if ((n + 7) / 8 > data.Length) throw Error($"{n} booleans need {(n + 7) / 8} bytes, the page has {data.Length}");
                var dst = (bool[])_values;
                for (int i = 0; i < n; i++) dst[_valueCount + i] = (data[i >> 3] & (1 << (i & 7))) != 0;
                _valueCount += n;
                return (n + 7) / 8;
            }
            case PhysicalType.Int32: return CopyFixed<int>(data, n);
            case PhysicalType.Int64: return CopyFixed<long>(data, n);
            case PhysicalType.Float: return CopyFixed<float>(data, n);
            case PhysicalType.Double: return CopyFixed<double>(data, n);
            case PhysicalType.Int96:
            case PhysicalType.FixedLenByteArray:
            {
                int w = _field.PhysicalType == PhysicalType.Int96 ? 12 : _field.TypeLength;
                if ((long)w * n > data.Length) throw Error($"{n} values of {w} bytes exceed the page's {data.Length} bytes");
                var dst = (byte[][])_values;
                for (int i = 0; i < n; i++) dst[_valueCount + i] = data.Slice(i * w, w).ToArray();
                _valueCount += n;
                return w * n;
            }
            default:
            {
                int pos = 0;
                bool str = _field.Kind == ValueKind.String;
                for (int i = 0; i < n; i++)
                {
                    if (data.Length - pos < 4) throw Error($"byte array {i} of {n}: length truncated at page byte {pos}");
                    int len = BinaryPrimitives.ReadInt32LittleEndian(data[pos..]);
                    pos += 4;
                    if (len < 0 || len > data.Length - pos) throw Error($"byte array {i} of {n}: length {len} exceeds the {data.Length - pos} bytes left");
                    var bytes = data.Slice(pos, len);
                    if (str) ((string[])_values)[_valueCount++] = Encoding.UTF8.GetString(bytes);
                    else ((byte[][])_values)[_valueCount++] = bytes.ToArray();
                    pos += len;
                }
                return pos;
            }
        }
    }

    private int CopyFixed<T>(ReadOnlySpan<byte> data, int n) where T : unmanaged
    {
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if ((long)size * n > data.Length) throw Error($"{n} values of {size} bytes exceed the page's {data.Length} bytes");
        MemoryMarshal.Cast<byte, T>(data[..(size * n)]).CopyTo(((T[])_values).AsSpan(_valueCount));
        _valueCount += n;
        return size * n;
    }

    private void DecodeOther(ReadOnlySpan<byte> data, ParquetEncoding encoding, int n)
    {
        string ctx = $"Corrupt {Where}";
        var type = _field.PhysicalType;
        if (encoding == ParquetEncoding.DeltaBinaryPacked && type is PhysicalType.Int32 or PhysicalType.Int64)
        {
            var longs = new long[n];
            DeltaEncodings.DecodeBinaryPacked(data, longs, ctx);
            if (_values is int[] ints)
                for (int i = 0; i < n; i++) ints[_valueCount + i] = unchecked((int)longs[i]);
            else
                longs.CopyTo(((long[])_values).AsSpan(_valueCount));
            _valueCount += n;
            return;
        }
        if (encoding == ParquetEncoding.ByteStreamSplit && type is not (PhysicalType.Boolean or PhysicalType.ByteArray))
        {
            int w = type switch
            {
                PhysicalType.Int32 or PhysicalType.Float => 4,
                PhysicalType.Int64 or PhysicalType.Double => 8,
                PhysicalType.Int96 => 12,
                _ => _field.TypeLength,
            };
            if ((long)n * w > data.Length) throw Error($"BYTE_STREAM_SPLIT needs {(long)n * w} bytes, the page has {data.Length}");
            var plain = new byte[(long)n * w];
            DeltaEncodings.DecodeByteStreamSplit(data, n, w, plain, ctx);
            DecodePlain(plain, n);
            return;
        }
        if (type == PhysicalType.ByteArray && encoding is ParquetEncoding.DeltaLengthByteArray or ParquetEncoding.DeltaByteArray)
        {
            bool str = _field.Kind == ValueKind.String;
            if (encoding == ParquetEncoding.DeltaLengthByteArray)
            {
                var ranges = new Range[n];
                DeltaEncodings.DecodeLengthByteArray(data, n, ranges, ctx);
                for (int i = 0; i < n; i++)
                {
                    var v = data[ranges[i]];
                    if (str) ((string[])_values)[_valueCount++] = Encoding.UTF8.GetString(v);
                    else ((byte[][])_values)[_valueCount++] = v.ToArray();
                }
            }
            else
            {
                var arrays = DeltaEncodings.DecodeByteArray(data, n, ctx);
                for (int i = 0; i < n; i++)
                {
                    if (str) ((string[])_values)[_valueCount++] = Encoding.UTF8.GetString(arrays[i]);
                    else ((byte[][])_values)[_valueCount++] = arrays[i];
                }
            }
            return;
        }
        if (type == PhysicalType.FixedLenByteArray && encoding == ParquetEncoding.DeltaByteArray)
        {
            var arrays = DeltaEncodings.DecodeByteArray(data, n, ctx);
            foreach (var a in arrays)
            {
                if (a.Length != _field.TypeLength) throw Error($"DELTA_BYTE_ARRAY value of {a.Length} bytes in a FIXED_LEN_BYTE_ARRAY({_field.TypeLength}) column");
                ((byte[][])_values)[_valueCount++] = a;
            }
            return;
        }
        throw Error($"value encoding {encoding} is not valid for {type}");
    }

    private void DecodeDictionaryIndices(ReadOnlySpan<byte> data, int n)
    {
        if (_dict == null) throw Error("dictionary-encoded page but the column chunk has no dictionary page");
        if (n == 0) return;
        if (data.Length < 1) throw Error("dictionary indices missing their bit width");
        int bitWidth = data[0];
        if (bitWidth > 32) throw Error($"dictionary index bit width {bitWidth} exceeds 32");
        if (_dictCount == 0) throw Error("dictionary-encoded values but the dictionary is empty");
        var indices = ArrayPool<int>.Shared.Rent(n);
        try
        {
            var idx = indices.AsSpan(0, n);
            RleBitPackedHybrid.Decode(data[1..], bitWidth, idx, _dictCount - 1, $"Corrupt {Where} dictionary indices");
            switch (_values)
            {
                case int[] a: Gather((int[])_dict, idx, a); break;
                case long[] a: Gather((long[])_dict, idx, a); break;
                case float[] a: Gather((float[])_dict, idx, a); break;
                case double[] a: Gather((double[])_dict, idx, a); break;
                case string[] a: Gather((string[])_dict, idx, a); break;
                case byte[][] a: Gather((byte[][])_dict, idx, a); break;
                default: throw Error("dictionary encoding is not allowed for this type");
            }
            _valueCount += n;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(indices);
        }
    }

    private void Gather<T>(T[] dict, ReadOnlySpan<int> idx, T[] dst)
    {
        var d = dst.AsSpan(_valueCount, idx.Length);
        for (int i = 0; i < idx.Length; i++) d[i] = dict[idx[i]];
    }
}
