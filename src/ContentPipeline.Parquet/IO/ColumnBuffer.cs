using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using ContentPipeline.Parquet.Encodings;
using ContentPipeline.Parquet.Schema;

namespace ContentPipeline.Parquet.IO;

/// <summary>
/// The values of one column of the row group being built, in pooled buffers: fixed-width values as raw
/// little-endian bytes (booleans one byte each), byte arrays as concatenated bytes plus end offsets, and the
/// definition/repetition levels when the column has them. Filled by the serializer or from a
/// <see cref="DataColumn"/>, drained by <see cref="ColumnChunkWriter"/>.
/// </summary>
internal sealed class ColumnBuffer : IDisposable
{
    private readonly ByteBuffer _values = new(1 << 16);
    private int[] _offsets; // byte arrays: _offsets[i] = end of value i
    private int[] _def;
    private int[] _rep;
    private int _levelCount;

    public ColumnBuffer(DataField field)
    {
        Field = field;
        Kind = field.Kind;
        Width = Kind switch
        {
            ValueKind.Boolean => 1,
            ValueKind.Int32 or ValueKind.Date or ValueKind.Float => 4,
            ValueKind.Int64 or ValueKind.Double or ValueKind.TimestampMicros or ValueKind.TimestampMillis or ValueKind.TimestampNanos => 8,
            ValueKind.Int96Timestamp => 12,
            ValueKind.FixedBinary => field.TypeLength,
            _ => 0,
        };
        _offsets = IsByteArray ? ArrayPool<int>.Shared.Rent(1024) : [];
        _hasDef = field.MaxDefinitionLevel > 0;
        _hasRep = field.MaxRepetitionLevel > 0;
        bool levels = _hasDef;
        _def = levels ? ArrayPool<int>.Shared.Rent(1024) : [];
        _rep = field.MaxRepetitionLevel > 0 ? ArrayPool<int>.Shared.Rent(1024) : [];
    }

    public DataField Field { get; }
    public ValueKind Kind { get; }

    /// <summary>Bytes per value for fixed-width kinds, 0 for byte arrays.</summary>
    public int Width { get; }

    public bool IsByteArray => Width == 0;
    public bool HasDefinitionLevels => _hasDef;
    public bool HasRepetitionLevels => _hasRep;

    private readonly bool _hasDef;
    private readonly bool _hasRep;

    public int ValueCount { get; private set; }

    /// <summary>Entries (level pairs); equals <see cref="ValueCount"/> for required flat columns.</summary>
    public int LevelCount => HasDefinitionLevels || HasRepetitionLevels ? _levelCount : ValueCount;

    public int RowCount { get; private set; }

    public ReadOnlySpan<byte> ValueBytes => _values.WrittenSpan;
    public ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, ValueCount);
    public ReadOnlySpan<int> DefinitionLevels => HasDefinitionLevels ? _def.AsSpan(0, _levelCount) : default;
    public ReadOnlySpan<int> RepetitionLevels => HasRepetitionLevels ? _rep.AsSpan(0, _levelCount) : default;

    /// <summary>Uncompressed size estimate used for row-group sizing.</summary>
    public long EstimatedSize => _values.Length + (IsByteArray ? 4L * ValueCount : 0) + (_levelCount >> 2);

    /// <summary>The buffer's fill state, to undo a partly appended row.</summary>
    internal readonly record struct Mark(int Values, int Levels, int Rows, int Bytes);

    internal Mark GetMark() => new(ValueCount, _levelCount, RowCount, _values.Length);

    internal void Rollback(Mark mark)
    {
        ValueCount = mark.Values;
        _levelCount = mark.Levels;
        RowCount = mark.Rows;
        _values.Length = mark.Bytes;
    }

    public void Clear()
    {
        _values.Clear();
        ValueCount = 0;
        _levelCount = 0;
        RowCount = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> GetValue(int i)
    {
        int start = i == 0 ? 0 : _offsets[i - 1];
        return _values.Array.AsSpan(start, _offsets[i] - start);
    }

    // ---- levels ----

    /// <summary>Appends one level entry (a value follows only if def == max definition level).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddLevels(int def, int rep)
    {
        if ((_hasDef && _levelCount == _def.Length) || (_hasRep && _levelCount == _rep.Length)) GrowLevels();
        if (_hasDef) _def[_levelCount] = def;
        if (_hasRep) _rep[_levelCount] = rep;
        _levelCount++;
        if (rep == 0) RowCount++;
    }

    /// <summary>Marks a new row for a required flat column (no levels stored).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddRequiredRow() => RowCount++;

    private void GrowLevels()
    {
        int size = Math.Max(1024, _levelCount * 2);
        if (HasDefinitionLevels) _def = Grow(_def, _levelCount, size);
        if (HasRepetitionLevels) _rep = Grow(_rep, _levelCount, size);
    }

    private static int[] Grow(int[] a, int used, int size)
    {
        var b = ArrayPool<int>.Shared.Rent(size);
        a.AsSpan(0, used).CopyTo(b);
        if (a.Length > 0) ArrayPool<int>.Shared.Return(a);
        return b;
    }

    // ---- values ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddBoolean(bool v)
    {
        _values.WriteByte(v ? (byte)1 : (byte)0);
        ValueCount++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddInt32(int v)
    {
        MemoryMarshal.Write(_values.GetSpan(4), in v);
        _values.Advance(4);
        ValueCount++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddInt64(long v)
    {
        MemoryMarshal.Write(_values.GetSpan(8), in v);
        _values.Advance(8);
        ValueCount++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddFloat(float v)
    {
        MemoryMarshal.Write(_values.GetSpan(4), in v);
        _values.Advance(4);
        ValueCount++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddDouble(double v)
    {
        MemoryMarshal.Write(_values.GetSpan(8), in v);
        _values.Advance(8);
        ValueCount++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddDate(DateOnly d) => AddInt32(d.DayNumber - UnixEpochDay);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddTimestamp(DateTime dt)
    {
        if (dt.Kind == DateTimeKind.Local) dt = dt.ToUniversalTime();
        AddInt64(TicksToMicros(dt.Ticks));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddTimestamp(DateTimeOffset dto) => AddInt64(TicksToMicros(dto.UtcTicks));

    internal const int UnixEpochDay = 719162; // DateOnly(1970, 1, 1).DayNumber

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long TicksToMicros(long ticks) => Math.DivRem(ticks - DateTime.UnixEpoch.Ticks, 10, out long rem) - (rem < 0 ? 1 : 0);

    public void AddString(string s)
    {
        if (_offsets.Length == ValueCount) _offsets = Grow(_offsets, ValueCount, ValueCount * 2);
        int max = s.Length * 3;
        var dest = _values.GetSpan(max);
        int n = Encoding.UTF8.GetBytes(s, dest);
        _values.Advance(n);
        _offsets[ValueCount++] = _values.Length;
    }

    public void AddBytes(ReadOnlySpan<byte> b)
    {
        if (Width > 0)
        {
            if (b.Length != Width) throw new ArgumentException($"Column '{Field.Path}' holds fixed-length values of {Width} bytes, got {b.Length}.");
            _values.Write(b);
            ValueCount++;
            return;
        }
        if (_offsets.Length == ValueCount) _offsets = Grow(_offsets, ValueCount, ValueCount * 2);
        _values.Write(b);
        _offsets[ValueCount++] = _values.Length;
    }

    public void Dispose()
    {
        _values.Dispose();
        if (_offsets.Length > 0) ArrayPool<int>.Shared.Return(_offsets);
        if (_def.Length > 0) ArrayPool<int>.Shared.Return(_def);
        if (_rep.Length > 0) ArrayPool<int>.Shared.Return(_rep);
        _offsets = _def = _rep = [];
    }
}
