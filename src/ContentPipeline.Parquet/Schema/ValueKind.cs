using ContentPipeline.Parquet.Format;

namespace ContentPipeline.Parquet.Schema;

/// <summary>How a column's physical values map to CLR values.</summary>
internal enum ValueKind
{
    Boolean,
    Int32,
    Int64,
    Float,
    Double,
    String,
    Binary,
    Date,
    TimestampMicros,
    TimestampMillis,
    TimestampNanos,
    Int96Timestamp,
    FixedBinary,
}

internal static class ValueKinds
{
    public static bool TryFromClr(Type t, out ValueKind kind)
    {
        if (t == typeof(bool)) kind = ValueKind.Boolean;
        else if (t == typeof(int)) kind = ValueKind.Int32;
        else if (t == typeof(long)) kind = ValueKind.Int64;
        else if (t == typeof(float)) kind = ValueKind.Float;
        else if (t == typeof(double)) kind = ValueKind.Double;
        else if (t == typeof(string)) kind = ValueKind.String;
        else if (t == typeof(byte[])) kind = ValueKind.Binary;
        else if (t == typeof(DateOnly)) kind = ValueKind.Date;
        else if (t == typeof(DateTime) || t == typeof(DateTimeOffset)) kind = ValueKind.TimestampMicros;
        else
        {
            kind = default;
            return false;
        }
        return true;
    }

    public static PhysicalType Physical(ValueKind k) => k switch
    {
        ValueKind.Boolean => PhysicalType.Boolean,
        ValueKind.Int32 or ValueKind.Date => PhysicalType.Int32,
        ValueKind.Int64 or ValueKind.TimestampMicros or ValueKind.TimestampMillis or ValueKind.TimestampNanos => PhysicalType.Int64,
        ValueKind.Float => PhysicalType.Float,
        ValueKind.Double => PhysicalType.Double,
        ValueKind.Int96Timestamp => PhysicalType.Int96,
        ValueKind.FixedBinary => PhysicalType.FixedLenByteArray,
        _ => PhysicalType.ByteArray,
    };

    /// <summary>CLR type of the values a column of this kind yields.</summary>
    public static Type Clr(ValueKind k) => k switch
    {
        ValueKind.Boolean => typeof(bool),
        ValueKind.Int32 => typeof(int),
        ValueKind.Int64 => typeof(long),
        ValueKind.Float => typeof(float),
        ValueKind.Double => typeof(double),
        ValueKind.String => typeof(string),
        ValueKind.Date => typeof(DateOnly),
        ValueKind.TimestampMicros or ValueKind.TimestampMillis or ValueKind.TimestampNanos or ValueKind.Int96Timestamp => typeof(DateTime),
        _ => typeof(byte[]),
    };

    /// <summary>Fills the type annotations of a leaf element written by this library.</summary>
    public static void Annotate(SchemaElement e, ValueKind k)
    {
        e.Type = Physical(k);
        switch (k)
        {
            case ValueKind.String:
                e.ConvertedType = ConvertedType.Utf8;
                e.LogicalType = LogicalType.String();
                break;
            case ValueKind.Date:
                e.ConvertedType = ConvertedType.Date;
                e.LogicalType = LogicalType.Date();
                break;
            case ValueKind.TimestampMicros:
                e.ConvertedType = ConvertedType.TimestampMicros;
                e.LogicalType = LogicalType.Timestamp(TimeUnit.Micros, true);
                break;
        }
    }

    /// <summary>Which kind a leaf element read from a file has; null if this library cannot decode it.</summary>
    public static ValueKind? FromElement(SchemaElement e)
    {
        var lt = e.LogicalType;
        var ct = e.ConvertedType;
        switch (e.Type)
        {
            case PhysicalType.Boolean: return ValueKind.Boolean;
            case PhysicalType.Int32:
                return lt?.Kind == LogicalTypeKind.Date || ct == ConvertedType.Date ? ValueKind.Date : ValueKind.Int32;
            case PhysicalType.Int64:
                if (lt?.Kind == LogicalTypeKind.Timestamp)
                    return lt.Unit switch
                    {
                        TimeUnit.Millis => ValueKind.TimestampMillis,
                        TimeUnit.Nanos => ValueKind.TimestampNanos,
                        _ => ValueKind.TimestampMicros,
                    };
                if (ct == ConvertedType.TimestampMicros) return ValueKind.TimestampMicros;
                if (ct == ConvertedType.TimestampMillis) return ValueKind.TimestampMillis;
                return ValueKind.Int64;
            case PhysicalType.Int96: return ValueKind.Int96Timestamp;
            case PhysicalType.Float: return ValueKind.Float;
            case PhysicalType.Double: return ValueKind.Double;
            case PhysicalType.ByteArray:
                if (lt?.Kind is LogicalTypeKind.String or LogicalTypeKind.Enum or LogicalTypeKind.Json ||
                    ct is ConvertedType.Utf8 or ConvertedType.Enum or ConvertedType.Json)
                    return ValueKind.String;
                return ValueKind.Binary;
            case PhysicalType.FixedLenByteArray: return ValueKind.FixedBinary;
            default: return null;
        }
    }
}
