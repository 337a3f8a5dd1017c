using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using ContentPipeline.Parquet.IO;
using ContentPipeline.Parquet.Schema;

namespace ContentPipeline.Parquet.Statistics;

/// <summary>
/// Turns the PLAIN bytes of a statistics value (<see cref="Format.ColumnStatistics.MinValue"/> etc.) back into a
/// CLR value of the column's type, for display (e.g. an <c>inspect</c> command).
/// </summary>
public static class StatisticsValue
{
    /// <summary>The value, or null when absent or not decodable for this column.</summary>
    public static object? Decode(DataField field, byte[]? plain)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (plain == null) return null;
        try
        {
            return field.Kind switch
            {
                ValueKind.Boolean when plain.Length >= 1 => plain[0] != 0,
                ValueKind.Int32 when plain.Length == 4 => BinaryPrimitives.ReadInt32LittleEndian(plain),
                ValueKind.Date when plain.Length == 4 => ColumnData.ToDate(BinaryPrimitives.ReadInt32LittleEndian(plain), field.Path),
                ValueKind.Int64 when plain.Length == 8 => BinaryPrimitives.ReadInt64LittleEndian(plain),
                ValueKind.TimestampMicros or ValueKind.TimestampMillis or ValueKind.TimestampNanos when plain.Length == 8 =>
                    ColumnData.ToDateTime(BinaryPrimitives.ReadInt64LittleEndian(plain), field.Kind, field.Path),
                ValueKind.Float when plain.Length == 4 => BinaryPrimitives.ReadSingleLittleEndian(plain),
                ValueKind.Double when plain.Length == 8 => BinaryPrimitives.ReadDoubleLittleEndian(plain),
                ValueKind.String => Encoding.UTF8.GetString(plain),
                ValueKind.Binary or ValueKind.FixedBinary => plain,
                _ => null,
            };
        }
        catch (ParquetFormatException)
        {
            return null;
        }
    }

    /// <summary>A display string: invariant culture, ISO dates, hex for binary, "" when absent.</summary>
    public static string Format(DataField field, byte[]? plain) => Decode(field, plain) switch
    {
        null => "",
        byte[] b => Convert.ToHexString(b),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var v => v.ToString() ?? "",
    };
}
