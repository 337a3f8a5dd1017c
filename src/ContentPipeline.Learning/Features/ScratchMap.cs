using System.Runtime.CompilerServices;

namespace ContentPipeline.Learning.Features;

/// <summary>
/// A map from 64-bit keys to small structs for the featurizer's per-document bookkeeping (repeated texts, echoes,
/// prose words): open addressing with linear probing, and a generation stamp per slot so that <see cref="Clear"/>
/// is O(1). Per key it costs a multiply and one or two probes in arrays that stay in cache, where
/// <see cref="Dictionary{TKey, TValue}"/> pays for its general hashing, bucket chains and an O(capacity) Clear on
/// every document. Keys are expected to be hashes already; any 64-bit value is a valid key.
/// </summary>
internal sealed class ScratchMap<TValue> where TValue : struct
{
    private ulong[] _keys;
    private TValue[] _values;
    private int[] _stamps;     // slot is in use when its stamp equals _generation
    private int _generation = 1;
    private int _shift;        // 64 - log2(capacity)

    public ScratchMap(int capacity = 256)
    {
        capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, 16));
        _keys = new ulong[capacity];
        _values = new TValue[capacity];
        _stamps = new int[capacity];
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
    }

    public int Count { get; private set; }

    public void Clear()
    {
        Count = 0;
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_stamps);
            _generation = 1;
        }
    }

    /// <summary>The value of <paramref name="key"/>, added as default(TValue) if absent (<paramref name="exists"/> says which).</summary>
    public ref TValue GetValueRefOrAddDefault(ulong key, out bool exists)
    {
        if ((Count + 1) * 2 > _keys.Length) Grow();
        int mask = _keys.Length - 1;
        int slot = Slot(key);
        while (true)
        {
            if (_stamps[slot] != _generation)
            {
                _stamps[slot] = _generation;
                _keys[slot] = key;
                _values[slot] = default;
                Count++;
                exists = false;
                return ref _values[slot];
            }
            if (_keys[slot] == key)
            {
                exists = true;
                return ref _values[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    public bool TryGetValue(ulong key, out TValue value)
    {
        int mask = _keys.Length - 1;
        int slot = Slot(key);
        while (_stamps[slot] == _generation)
        {
            if (_keys[slot] == key) { value = _values[slot]; return true; }
            slot = (slot + 1) & mask;
        }
        value = default;
        return false;
    }

    /// <summary>The value of a key that is known to be present.</summary>
    public TValue this[ulong key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException();

    // Fibonacci hashing: the multiply spreads every key bit into the top bits, which pick the slot.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);

    private void Grow()
    {
        var keys = _keys;
        var values = _values;
        var stamps = _stamps;
        int generation = _generation;
        _keys = new ulong[keys.Length * 2];
        _values = new TValue[keys.Length * 2];
        _stamps = new int[keys.Length * 2];
        _shift--;
        _generation = 1;
        int mask = _keys.Length - 1;
        for (int i = 0; i < keys.Length; i++)
        {
            if (stamps[i] != generation) continue;
            int slot = Slot(keys[i]);
            while (_stamps[slot] == 1) slot = (slot + 1) & mask;
            _stamps[slot] = 1;
            _keys[slot] = keys[i];
            _values[slot] = values[i];
        }
    }
}
