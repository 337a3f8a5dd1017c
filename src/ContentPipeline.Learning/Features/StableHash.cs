using System.Runtime.CompilerServices;

namespace ContentPipeline.Learning.Features;

/// <summary>
/// Stable 32-bit hashing (FNV-1a over the UTF-16 code units, little-endian byte order, followed by the
/// murmur3 finaliser for better low-bit mixing). Never depends on <see cref="string.GetHashCode()"/>, so
/// feature indices are the same in every process, on every machine.
/// </summary>
public static class StableHash
{
    public const uint OffsetBasis = 2166136261;
    public const uint Prime = 16777619;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint AddChar(uint hash, char c)
    {
        hash = (hash ^ (byte)c) * Prime;
        return (hash ^ (byte)(c >> 8)) * Prime;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint AddUInt(uint hash, uint value)
    {
        hash = (hash ^ (value & 0xFF)) * Prime;
        hash = (hash ^ ((value >> 8) & 0xFF)) * Prime;
        hash = (hash ^ ((value >> 16) & 0xFF)) * Prime;
        return (hash ^ (value >> 24)) * Prime;
    }

    public static uint Fnv1a(ReadOnlySpan<char> text, uint seed = OffsetBasis)
    {
        uint h = seed;
        foreach (var c in text) h = AddChar(h, c);
        return h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Finalise(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6B;
        h ^= h >> 13;
        h *= 0xC2B2AE35;
        h ^= h >> 16;
        return h;
    }

    /// <summary>FNV-1a (64-bit) over bytes: used for data fingerprints.</summary>
    public static ulong Fnv1a64(ReadOnlySpan<byte> data, ulong hash = 14695981039346656037UL)
    {
        foreach (var b in data) hash = (hash ^ b) * 1099511628211UL;
        return hash;
    }
}
