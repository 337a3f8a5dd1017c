using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using ContentPipeline.Parquet.Format;
using ContentPipeline.Parquet.IO;
using ContentPipeline.Parquet.Schema;

namespace ContentPipeline.Parquet.Statistics;

/// <summary>
/// Column-chunk statistics per the parquet.thrift <c>Statistics</c> rules: min_value/max_value in the column's
/// type-defined order (byte arrays compared as unsigned bytes, floats ignoring NaN with ±0 widened), long byte
/// arrays truncated (min to a prefix, max to a prefix then incremented so it stays an upper bound; for UTF-8
/// strings the result stays valid UTF-8), the exactness flags, null_count, and the deprecated min/max only for
/// signed numeric orders.
/// </summary>
internal static class StatisticsBuilder
{
    public const int MaxBinaryLength = 64;

    /// <param name="distinct">When not empty, the indices of the distinct values (a dictionary): min/max scan only them.</param>
    public static ColumnStatistics Build(ColumnBuffer buf, ReadOnlySpan<int> distinct = default)
    {
        var stats = new ColumnStatistics { NullCount = buf.LevelCount - buf.ValueCount };
        int n = buf.ValueCount;
        if (n == 0) return stats;
        var bytes = buf.ValueBytes;
        switch (buf.Kind)
        {
            case ValueKind.Boolean:
            {
                bool any0 = bytes[..n].IndexOf((byte)0) >= 0, any1 = bytes[..n].IndexOf((byte)1) >= 0;
                stats.MinValue = [any0 ? (byte)0 : (byte)1];
                stats.MaxValue = [any1 ? (byte)1 : (byte)0];
                SetExact(stats);
                break;
            }
            case ValueKind.Int32:
            case ValueKind.Date:
                SetIntegerMinMax(stats, MemoryMarshal.Cast<byte, int>(bytes));
                break;
            case ValueKind.Int64:
            case ValueKind.TimestampMicros:
            case ValueKind.TimestampMillis:
            case ValueKind.TimestampNanos:
                SetIntegerMinMax(stats, MemoryMarshal.Cast<byte, long>(bytes));
                break;
            case ValueKind.Float:
                SetFloatingMinMax(stats, MemoryMarshal.Cast<byte, float>(bytes));
                break;
            case ValueKind.Double:
                SetFloatingMinMax(stats, MemoryMarshal.Cast<byte, double>(bytes));
                break;
            case ValueKind.String:
            case ValueKind.Binary:
            case ValueKind.FixedBinary:
            {
                ReadOnlySpan<byte> min = default, max = default;
                int m = distinct.IsEmpty ? n : distinct.Length;
                for (int k = 0; k < m; k++)
                {
                    int i = distinct.IsEmpty ? k : distinct[k];
                    var x = buf.IsByteArray ? buf.GetValue(i) : bytes.Slice(i * buf.Width, buf.Width);
                    if (k == 0)
                    {
                        min = max = x;
                        continue;
                    }
                    if (x.SequenceCompareTo(min) < 0) min = x;
                    else if (x.SequenceCompareTo(max) > 0) max = x;
                }
                bool utf8 = buf.Kind == ValueKind.String;
                stats.MinValue = TruncateMin(min, MaxBinaryLength, utf8, out bool minExact);
                stats.MaxValue = TruncateMax(max, MaxBinaryLength, utf8, out bool maxExact);
                stats.IsMinValueExact = minExact;
                if (stats.MaxValue != null) stats.IsMaxValueExact = maxExact;
                break;
            }
            default:
                break; // INT96: no defined order
        }
        return stats;
    }

    private static void SetExact(ColumnStatistics s)
    {
        s.IsMinValueExact = true;
        s.IsMaxValueExact = true;
    }

    /// <summary>Min/max of INT32/INT64 (and the DATE/TIMESTAMP types stored in them), signed order.</summary>
    private static void SetIntegerMinMax<T>(ColumnStatistics stats, ReadOnlySpan<T> values)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>, System.Numerics.IMinMaxValue<T>
    {
        T min = T.MaxValue, max = T.MinValue;
        foreach (var x in values)
        {
            if (x < min) min = x;
            if (x > max) max = x;
        }
        stats.MinValue = MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in min)).ToArray();
        stats.MaxValue = MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in max)).ToArray();
        SetSignedLegacy(stats);
    }

    /// <summary>
    /// Min/max of FLOAT/DOUBLE as the spec asks: NaN ignored (no statistics when every value is NaN), a zero min
    /// written as -0.0 and a zero max as +0.0 so readers comparing either sign stay correct.
    /// </summary>
    private static void SetFloatingMinMax<T>(ColumnStatistics stats, ReadOnlySpan<T> values)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        T min = T.PositiveInfinity, max = T.NegativeInfinity;
        var any = false;
        foreach (var x in values)
        {
            if (T.IsNaN(x)) continue;
            any = true;
            if (x < min) min = x;
            if (x > max) max = x;
        }
        if (!any) return;
        if (T.IsZero(min)) min = T.NegativeZero;
        if (T.IsZero(max)) max = T.Zero;
        stats.MinValue = MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in min)).ToArray(); // little-endian, as on every supported platform
        stats.MaxValue = MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in max)).ToArray();
        SetSignedLegacy(stats);
    }

    private static void SetSignedLegacy(ColumnStatistics s)
    {
        SetExact(s);
        s.Min = s.MinValue;
        s.Max = s.MaxValue;
    }

    /// <summary>A prefix of at most <paramref name="limit"/> bytes (cut on a character boundary for UTF-8).</summary>
    public static byte[] TruncateMin(ReadOnlySpan<byte> value, int limit, bool utf8, out bool exact)
    {
        exact = value.Length <= limit;
        if (exact) return value.ToArray();
        int cut = utf8 ? Utf8Boundary(value, limit) : limit;
        return value[..cut].ToArray();
    }

    /// <summary>
    /// An upper bound of at most <paramref name="limit"/> bytes: a prefix whose last unit is incremented.
    /// Null when no such bound exists (e.g. all bytes 0xFF).
    /// </summary>
    public static byte[]? TruncateMax(ReadOnlySpan<byte> value, int limit, bool utf8, out bool exact)
    {
        exact = value.Length <= limit;
        if (exact) return value.ToArray();
        if (!utf8)
        {
            var b = value[..limit].ToArray();
            for (int i = b.Length - 1; i >= 0; i--)
            {
                if (b[i] != 0xFF)
                {
                    b[i]++;
                    return b.AsSpan(0, i + 1).ToArray();
                }
            }
            return null;
        }
        // UTF-8: decode the prefix's code points, increment the last one that can be incremented.
        int cut = Utf8Boundary(value, limit);
        string prefix = Encoding.UTF8.GetString(value[..cut]);
        var runes = new List<Rune>();
        foreach (var r in prefix.EnumerateRunes()) runes.Add(r);
        for (int i = runes.Count - 1; i >= 0; i--)
        {
            int next = runes[i].Value + 1;
            if (next is >= 0xD800 and <= 0xDFFF) next = 0xE000;
            if (next > 0x10FFFF) continue;
            var sb = new StringBuilder();
            for (int k = 0; k < i; k++) sb.Append(runes[k].ToString());
            sb.Append(new Rune(next).ToString());
            var result = Encoding.UTF8.GetBytes(sb.ToString());
            if (result.Length <= limit) return result;
        }
        return null;
    }

    private static int Utf8Boundary(ReadOnlySpan<byte> value, int limit)
    {
        int cut = Math.Min(limit, value.Length);
        while (cut > 0 && cut < value.Length && (value[cut] & 0xC0) == 0x80) cut--;
        return cut;
    }
}
