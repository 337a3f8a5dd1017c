using System.Buffers;
using System.Runtime.CompilerServices;

namespace ContentPipeline.Parquet.Encodings;

/// <summary>A growable byte buffer on pooled arrays (the writer's scratch space).</summary>
internal sealed class ByteBuffer : IDisposable
{
    private byte[] _data;
    private int _length;

    public ByteBuffer(int capacity = 4096)
    {
        _data = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 16));
    }

    public int Length
    {
        get => _length;
        set => _length = value;
    }

    public byte[] Array => _data;
    public Span<byte> Span => _data.AsSpan(0, _length);
    public ReadOnlySpan<byte> WrittenSpan => _data.AsSpan(0, _length);

    public void Clear() => _length = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> GetSpan(int size)
    {
        if (_length + size > _data.Length) Grow(size);
        return _data.AsSpan(_length);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Grow(int size)
    {
        long want = Math.Max((long)_data.Length * 2, (long)_length + size);
        if (want > System.Array.MaxLength) want = System.Array.MaxLength;
        if (want < (long)_length + size) throw new InvalidOperationException("Buffer exceeds the maximum array size; use smaller row groups.");
        var bigger = ArrayPool<byte>.Shared.Rent((int)want);
        _data.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_data);
        _data = bigger;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(int n) => _length += n;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteByte(byte b)
    {
        if (_length >= _data.Length) Grow(1);
        _data[_length++] = b;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _length += bytes.Length;
    }

    public void WriteInt32LittleEndian(int v)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(GetSpan(4), v);
        _length += 4;
    }

    public void WriteUleb128(ulong v)
    {
        var s = GetSpan(10);
        int i = 0;
        while (v >= 0x80)
        {
            s[i++] = (byte)(v | 0x80);
            v >>= 7;
        }
        s[i++] = (byte)v;
        _length += i;
    }

    public void Dispose()
    {
        if (_data.Length > 0) ArrayPool<byte>.Shared.Return(_data);
        _data = [];
        _length = 0;
    }
}
