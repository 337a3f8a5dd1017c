using ContentPipeline.Parquet.Thrift;

namespace ContentPipeline.Parquet.Format;

/// <summary>The <c>LogicalType</c> union: which annotation, plus the parameters of the parameterised ones.</summary>
public sealed class LogicalType
{
    public LogicalTypeKind Kind { get; set; }
    public bool IsAdjustedToUtc { get; set; }
    public TimeUnit Unit { get; set; }
    public int Scale { get; set; }
    public int Precision { get; set; }
    public int BitWidth { get; set; }
    public bool IsSigned { get; set; }

    public static LogicalType String() => new() { Kind = LogicalTypeKind.String };
    public static LogicalType List() => new() { Kind = LogicalTypeKind.List };
    public static LogicalType Date() => new() { Kind = LogicalTypeKind.Date };
    public static LogicalType Timestamp(TimeUnit unit, bool utc) => new() { Kind = LogicalTypeKind.Timestamp, Unit = unit, IsAdjustedToUtc = utc };

    public override string ToString() => Kind switch
    {
        LogicalTypeKind.Timestamp or LogicalTypeKind.Time => $"{Kind.ToString().ToUpperInvariant()}({Unit.ToString().ToUpperInvariant()},{(IsAdjustedToUtc ? "UTC" : "local")})",
        LogicalTypeKind.Decimal => $"DECIMAL({Precision},{Scale})",
        LogicalTypeKind.Integer => $"INT({BitWidth},{(IsSigned ? "signed" : "unsigned")})",
        _ => Kind.ToString().ToUpperInvariant(),
    };

    /// <summary>Writes the union's fields; the caller has opened the enclosing struct.</summary>
    internal void WriteFields(CompactProtocolWriter w)
    {
        w.FieldStructBegin((short)Kind);
        switch (Kind)
        {
            case LogicalTypeKind.Timestamp:
            case LogicalTypeKind.Time:
                w.FieldBool(1, IsAdjustedToUtc);
                w.FieldStructBegin(2);
                w.FieldStructBegin((short)Unit);
                w.StructEnd();
                w.StructEnd();
                break;
            case LogicalTypeKind.Decimal:
                w.FieldI32(1, Scale);
                w.FieldI32(2, Precision);
                break;
            case LogicalTypeKind.Integer:
                w.FieldI8(1, (sbyte)BitWidth);
                w.FieldBool(2, IsSigned);
                break;
        }
        w.StructEnd();
    }

    internal static LogicalType? Read(CompactProtocolReader r)
    {
        LogicalType? result = null;
        while (r.NextField(out short id, out var t))
        {
            if (t != CompactType.Struct || id < 1 || id > 18 || id == 9)
            {
                r.Skip(t);
                continue;
            }
            var lt = new LogicalType { Kind = (LogicalTypeKind)id };
            r.StructBegin();
            while (r.NextField(out short fid, out var ft))
            {
                switch (lt.Kind, fid)
                {
                    case (LogicalTypeKind.Timestamp or LogicalTypeKind.Time, 1): lt.IsAdjustedToUtc = r.Bool(ft, "isAdjustedToUTC"); break;
                    case (LogicalTypeKind.Timestamp or LogicalTypeKind.Time, 2):
                        r.StructField(ft, "unit");
                        while (r.NextField(out short uid, out var ut))
                        {
                            if (uid is >= 1 and <= 3) lt.Unit = (TimeUnit)uid;
                            r.Skip(ut);
                        }
                        r.StructEnd();
                        break;
                    case (LogicalTypeKind.Decimal, 1): lt.Scale = r.I32(ft, "scale"); break;
                    case (LogicalTypeKind.Decimal, 2): lt.Precision = r.I32(ft, "precision"); break;
                    case (LogicalTypeKind.Integer, 1):
                        if (ft != CompactType.Byte) throw r.Error("IntType.bitWidth is not a byte");
                        lt.BitWidth = (sbyte)r.RawByte();
                        break;
                    case (LogicalTypeKind.Integer, 2): lt.IsSigned = r.Bool(ft, "isSigned"); break;
                    default: r.Skip(ft); break;
                }
            }
            r.StructEnd();
            result = lt;
        }
        return result;
    }
}
