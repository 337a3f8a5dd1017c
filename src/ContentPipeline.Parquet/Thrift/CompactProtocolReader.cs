using System.Buffers.Binary;
using System.Text;

namespace ContentPipeline.Parquet.Thrift;

/// <summary>
/// Bounds-checked reader of the Thrift compact protocol over an in-memory buffer. Every length and count is
/// validated against the bytes that remain, nesting depth is limited, and any malformation throws
/// <see cref="ParquetFormatException"/> naming the absolute file offset.
/// </summary>
internal sealed class CompactProtocolReader
{
    public const int MaxDepth = 64;

    private readonly byte[] _data;
    private readonly int _end;
    private readonly long _fileOffset; // file offset of _data[start]
    private readonly int _start;
    private int _pos;
    private int _depth;
    private short _lastFieldId;
    private readonly Stack<short> _lastFieldIds = new();
    private bool _pendingBool;
    private readonly string _what;

    public CompactProtocolReader(byte[] data, int start, int length, long fileOffset, string what)
    {
        _data = data;
        _start = start;
        _pos = start;
        _end = start + length;
        _fileOffset = fileOffset;
        _what = what;
    }

    /// <summary>Bytes consumed so far.</summary>
    public int Consumed => _pos - _start;

    public long FileOffset => _fileOffset + (_pos - _start);

    public ParquetFormatException Error(string message) =>
        new($"Corrupt {_what} at byte offset {FileOffset}: {message}");

    private byte ReadByte()
    {
        if (_pos >= _end) throw Error("unexpected end of data");
        return _data[_pos++];
    }

    public byte RawByte() => ReadByte();

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw Error("varint longer than 10 bytes");
    }

    private long ReadZigZag64()
    {
        ulong v = ReadVarint();
        return (long)(v >> 1) ^ -(long)(v & 1);
    }

    public void StructBegin()
    {
        if (++_depth > MaxDepth) throw Error($"structures nested deeper than {MaxDepth}");
        _lastFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    public void StructEnd()
    {
        _depth--;
        _lastFieldId = _lastFieldIds.Pop();
    }

    /// <summary>Reads the next field header; false at the struct's stop byte.</summary>
    public bool NextField(out short id, out CompactType type)
    {
        byte b = ReadByte();
        type = (CompactType)(b & 0x0F);
        if (type == CompactType.Stop)
        {
            id = 0;
            return false;
        }
        int delta = b >> 4;
        if (delta != 0)
        {
            id = (short)(_lastFieldId + delta);
        }
        else
        {
            long raw = ReadZigZag64();
            if (raw < short.MinValue || raw > short.MaxValue) throw Error($"field id {raw} out of range");
            id = (short)raw;
        }
        if (type is CompactType.BooleanTrue or CompactType.BooleanFalse) _pendingBool = type == CompactType.BooleanTrue;
        else if ((byte)type > (byte)CompactType.Struct) throw Error($"unknown field type {(int)type}");
        _lastFieldId = id;
        return true;
    }

    private void Expect(CompactType actual, CompactType expected, string field)
    {
        if (actual != expected) throw Error($"field '{field}' has type {actual}, expected {expected}");
    }

    public bool Bool(CompactType t, string field)
    {
        if (t is not (CompactType.BooleanTrue or CompactType.BooleanFalse)) throw Error($"field '{field}' has type {t}, expected bool");
        return _pendingBool;
    }

    public int I32(CompactType t, string field)
    {
        Expect(t, CompactType.I32, field);
        long v = ReadZigZag64();
        if (v < int.MinValue || v > int.MaxValue) throw Error($"field '{field}' value {v} overflows i32");
        return (int)v;
    }

    public long I64(CompactType t, string field)
    {
        Expect(t, CompactType.I64, field);
        return ReadZigZag64();
    }

    public int I32Element() 
    {
        long v = ReadZigZag64();
        if (v < int.MinValue || v > int.MaxValue) throw Error($"list element {v} overflows i32");
        return (int)v;
    }

    public byte[] Binary(CompactType t, string field)
    {
        Expect(t, CompactType.Binary, field);
        return BinaryElement();
    }

    public byte[] BinaryElement()
    {
        int len = Length();
        var result = _data.AsSpan(_pos, len).ToArray();
        _pos += len;
        return result;
    }

    public string String(CompactType t, string field)
    {
        Expect(t, CompactType.Binary, field);
        return StringElement();
    }

    public string StringElement()
    {
        int len = Length();
        string s = Encoding.UTF8.GetString(_data, _pos, len);
        _pos += len;
        return s;
    }

    private int Length()
    {
        ulong len = ReadVarint();
        if (len > (ulong)(_end - _pos)) throw Error($"length {len} exceeds the {_end - _pos} bytes that remain");
        return (int)len;
    }

    public void StructField(CompactType t, string field)
    {
        Expect(t, CompactType.Struct, field);
        StructBegin();
    }

    /// <summary>Reads a list header; the count is validated against the remaining bytes (every element takes at least one byte).</summary>
    public int ListBegin(CompactType t, string field, CompactType expectedElement)
    {
        Expect(t, CompactType.List, field);
        int count = ListHeader(out var elem);
        if (count > 0 && elem != expectedElement &&
            !(expectedElement == CompactType.BooleanTrue && elem == CompactType.BooleanFalse))
            throw Error($"list '{field}' has elements of type {elem}, expected {expectedElement}");
        return count;
    }

    private int ListHeader(out CompactType elementType)
    {
        byte b = ReadByte();
        elementType = (CompactType)(b & 0x0F);
        ulong count = (ulong)(b >> 4);
        if (count == 15) count = ReadVarint();
        if (count > (ulong)(_end - _pos)) throw Error($"list of {count} elements exceeds the {_end - _pos} bytes that remain");
        return (int)count;
    }

    /// <summary>Skips a value of the given type (for unknown or unneeded fields).</summary>
    public void Skip(CompactType type)
    {
        if (++_depth > MaxDepth) throw Error($"values nested deeper than {MaxDepth}");
        try
        {
            switch (type)
            {
                case CompactType.BooleanTrue:
                case CompactType.BooleanFalse:
                    break;
                case CompactType.Byte:
                    ReadByte();
                    break;
                case CompactType.I16:
                case CompactType.I32:
                case CompactType.I64:
                    ReadVarint();
                    break;
                case CompactType.Double:
                    if (_end - _pos < 8) throw Error("unexpected end of data in double");
                    _pos += 8;
                    break;
                case CompactType.Binary:
                    _pos += Length();
                    break;
                case CompactType.List:
                case CompactType.Set:
                {
                    int count = ListHeader(out var elem);
                    for (int i = 0; i < count; i++) SkipElement(elem);
                    break;
                }
                case CompactType.Map:
                {
                    ulong count = ReadVarint();
                    if (count == 0) break;
                    if (count > (ulong)(_end - _pos)) throw Error($"map of {count} entries exceeds the remaining bytes");
                    byte kv = ReadByte();
                    for (ulong i = 0; i < count; i++)
                    {
                        SkipElement((CompactType)(kv >> 4));
                        SkipElement((CompactType)(kv & 0xF));
                    }
                    break;
                }
                case CompactType.Struct:
                {
                    StructBegin();
                    while (NextField(out _, out var ft)) Skip(ft);
                    StructEnd();
                    break;
                }
                default:
                    throw Error($"unknown type {(int)type}");
            }
        }
        finally
        {
            _depth--;
        }
    }

    private void SkipElement(CompactType type)
    {
        // Booleans inside collections take one byte each.
        if (type is CompactType.BooleanTrue or CompactType.BooleanFalse) ReadByte();
        else Skip(type);
    }

    public double ReadDouble()
    {
        if (_end - _pos < 8) throw Error("unexpected end of data in double");
        double d = BinaryPrimitives.ReadDoubleLittleEndian(_data.AsSpan(_pos, 8));
        _pos += 8;
        return d;
    }
}
