using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ContentPipeline.Parquet.Encodings;

/// <summary>
/// Assigns dictionary indices to the values of a column chunk: an open-addressing hash table keyed on the value's
/// bytes (UTF-8 for strings, little-endian for numbers). Entries point back into the column buffer, so building
/// the dictionary copies nothing.
/// </summary>
internal sealed class DictionaryBuilder : IDisposable
{
    private int[] _slots;        // 0 = empty, else entry + 1
    private int[] _entryValue;   // value index (in the column buffer) of each entry's first occurrence
    private int[] _entryHash;
    private int _mask;

    public DictionaryBuilder()
    {
        _slots = ArrayPool<int>.Shared.Rent(1024);
        _slots.AsSpan(0, 1024).Clear();
        _mask = 1023;
        _entryValue = ArrayPool<int>.Shared.Rent(256);
        _entryHash = ArrayPool<int>.Shared.Rent(256);
    }

    public int Count { get; private set; }

    /// <summary>PLAIN-encoded size of the dictionary page body.</summary>
    public long EncodedBytes { get; private set; }

    public ReadOnlySpan<int> EntryValueIndices => _entryValue.AsSpan(0, Count);

    public void Clear()
    {
        _slots.AsSpan(0, _mask + 1).Clear();
        Count = 0;
        EncodedBytes = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Hash(ReadOnlySpan<byte> data)
    {
        ulong h = 0x9E3779B97F4A7C15UL ^ (ulong)data.Length;
        ref byte p = ref MemoryMarshal.GetReference(data);
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            ulong v = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i));
            h = BitOperations.RotateLeft((h ^ v) * 0xBF58476D1CE4E5B9UL, 29);
        }
        if (i < data.Length)
        {
            ulong v = 0;
            int shift = 0;
            for (; i < data.Length; i++, shift += 8) v |= (ulong)Unsafe.Add(ref p, i) << shift;
            h = BitOperations.RotateLeft((h ^ v) * 0xBF58476D1CE4E5B9UL, 29);
        }
        h ^= h >> 32;
        h *= 0x94D049BB133111EBUL;
        return (int)(h ^ (h >> 29));
    }

    /// <summary>Index for a variable-length value; <paramref name="lookup"/> returns an entry's bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetOrAdd<TLookup>(ReadOnlySpan<byte> value, int valueIndex, ref TLookup lookup, int lengthPrefix)
        where TLookup : struct, IValueLookup
    {
        int h = Hash(value);
        int slot = h & _mask;
        while (true)
        {
            int e = _slots[slot];
            if (e == 0) break;
            e--;
            if (_entryHash[e] == h && lookup.Get(_entryValue[e]).SequenceEqual(value)) return e;
            slot = (slot + 1) & _mask;
        }
        return Add(slot, h, valueIndex, value.Length + lengthPrefix);
    }

    private int Add(int slot, int h, int valueIndex, int encodedSize)
    {
        if (Count == _entryValue.Length)
        {
            _entryValue = Grow(_entryValue, Count);
            _entryHash = Grow(_entryHash, Count);
        }
        int e = Count++;
        _entryValue[e] = valueIndex;
        _entryHash[e] = h;
        _slots[slot] = e + 1;
        EncodedBytes += encodedSize;
        if (Count * 2 > _mask) Rehash();
        return e;
    }

    private static int[] Grow(int[] a, int used)
    {
        var b = ArrayPool<int>.Shared.Rent(used * 2);
        a.AsSpan(0, used).CopyTo(b);
        ArrayPool<int>.Shared.Return(a);
        return b;
    }

    private void Rehash()
    {
        int size = (_mask + 1) * 2;
        ArrayPool<int>.Shared.Return(_slots);
        _slots = ArrayPool<int>.Shared.Rent(size);
        _slots.AsSpan(0, size).Clear();
        _mask = size - 1;
        for (int e = 0; e < Count; e++)
        {
            int slot = _entryHash[e] & _mask;
            while (_slots[slot] != 0) slot = (slot + 1) & _mask;
            _slots[slot] = e + 1;
        }
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_slots);
        ArrayPool<int>.Shared.Return(_entryValue);
        ArrayPool<int>.Shared.Return(_entryHash);
        _slots = _entryValue = _entryHash = [];
    }
}

/// <summary>Returns the bytes of a value by index (struct so the JIT specialises the dictionary loop).</summary>
internal interface IValueLookup
{
    ReadOnlySpan<byte> Get(int valueIndex);
}
