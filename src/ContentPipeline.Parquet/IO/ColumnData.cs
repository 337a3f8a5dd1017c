using ContentPipeline.Parquet.Schema;

namespace ContentPipeline.Parquet.IO;

/// <summary>
/// A decoded column chunk in its compact form: the non-null values only, in their physical representation
/// (bool[], int[], long[], float[], double[], string[] or byte[][]), plus definition/repetition levels when the
/// column has them.
/// </summary>
internal sealed class ColumnData
{
    public required DataField Field { get; init; }
    public required Array Values { get; init; }
    public int ValueCount { get; init; }
    public int LevelCount { get; init; }
    public int[]? DefinitionLevels { get; init; }
    public int[]? RepetitionLevels { get; init; }
    public required string Context { get; init; }

    public static DateOnly ToDate(int days, string context)
    {
        long n = (long)days + ColumnBuffer.UnixEpochDay;
        if (n < DateOnly.MinValue.DayNumber || n > DateOnly.MaxValue.DayNumber)
            throw new ParquetFormatException($"{context}: DATE value {days} is outside the range of DateOnly.");
        return DateOnly.FromDayNumber((int)n);
    }

    public static DateTime ToDateTime(long value, ValueKind kind, string context)
    {
        long ticks;
        try
        {
            ticks = kind switch
            {
                ValueKind.TimestampMillis => checked(value * TimeSpan.TicksPerMillisecond),
                ValueKind.TimestampNanos => value / 100,
                _ => checked(value * 10),
            };
            ticks = checked(ticks + DateTime.UnixEpoch.Ticks);
        }
        catch (OverflowException)
        {
            throw new ParquetFormatException($"{context}: TIMESTAMP value {value} is outside the range of DateTime.");
        }
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
            throw new ParquetFormatException($"{context}: TIMESTAMP value {value} is outside the range of DateTime.");
        return new DateTime(ticks, DateTimeKind.Utc);
    }

    public static DateTime Int96ToDateTime(byte[] v, string context)
    {
        long nanos = BitConverter.ToInt64(v, 0);
        long julian = BitConverter.ToUInt32(v, 8);
        decimal ticks = (julian - 2440588m) * TimeSpan.TicksPerDay + nanos / 100 + DateTime.UnixEpoch.Ticks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
            throw new ParquetFormatException($"{context}: INT96 timestamp is outside the range of DateTime.");
        return new DateTime((long)ticks, DateTimeKind.Utc);
    }

    /// <summary>Values converted to the field's CLR type (compact: non-null values only).</summary>
    public Array ConvertedValues()
    {
        switch (Field.Kind)
        {
            case ValueKind.Date:
            {
                var src = (int[])Values;
                var dst = new DateOnly[ValueCount];
                for (int i = 0; i < ValueCount; i++) dst[i] = ToDate(src[i], Context);
                return dst;
            }
            case ValueKind.TimestampMicros:
            case ValueKind.TimestampMillis:
            case ValueKind.TimestampNanos:
            {
                var src = (long[])Values;
                var dst = new DateTime[ValueCount];
                for (int i = 0; i < ValueCount; i++) dst[i] = ToDateTime(src[i], Field.Kind, Context);
                return dst;
            }
            case ValueKind.Int96Timestamp:
            {
                var src = (byte[][])Values;
                var dst = new DateTime[ValueCount];
                for (int i = 0; i < ValueCount; i++) dst[i] = Int96ToDateTime(src[i], Context);
                return dst;
            }
            default:
                if (Values.Length == ValueCount) return Values;
                var copy = Array.CreateInstance(Values.GetType().GetElementType()!, ValueCount);
                Array.Copy(Values, copy, ValueCount);
                return copy;
        }
    }

    /// <summary>The public form: one entry per level entry, nulls where undefined.</summary>
    public DataColumn ToDataColumn()
    {
        var values = ConvertedValues();
        var def = DefinitionLevels;
        if (Field.MaxDefinitionLevel == 0 || def == null)
            return new DataColumn(Field, values, null, RepetitionLevels is null ? null : RepetitionLevels[..LevelCount]);
        var clr = values.GetType().GetElementType()!;
        var nullableType = clr.IsValueType ? typeof(Nullable<>).MakeGenericType(clr) : clr;
        var data = Array.CreateInstance(nullableType, LevelCount);
        int maxDef = Field.MaxDefinitionLevel;
        int v = 0;
        for (int i = 0; i < LevelCount; i++)
            if (def[i] == maxDef) data.SetValue(values.GetValue(v++), i);
        return new DataColumn(Field, data, def[..LevelCount], RepetitionLevels?[..LevelCount]);
    }
}
