using ContentPipeline.Parquet.Format;

namespace ContentPipeline.Parquet.Schema;

/// <summary>
/// A leaf column. <see cref="ClrType"/> is the element type (never <c>Nullable&lt;T&gt;</c>): bool, int, long, float,
/// double, string, byte[], DateOnly, DateTime (also used for DateTimeOffset, stored as TIMESTAMP(MICROS, UTC)).
/// </summary>
public class DataField : Field
{
    private readonly bool _isNullable;

    public DataField(string name, Type clrType, bool? isNullable = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(clrType);
        var underlying = Nullable.GetUnderlyingType(clrType);
        ClrType = underlying ?? clrType;
        if (ClrType == typeof(DateTimeOffset)) ClrType = typeof(DateTime);
        _isNullable = isNullable ?? (underlying != null || !ClrType.IsValueType);
        if (!ValueKinds.TryFromClr(ClrType, out var kind))
            throw new NotSupportedException($"Field '{name}': type {clrType} is not supported (bool, int, long, float, double, string, byte[], DateOnly, DateTime, DateTimeOffset).");
        Kind = kind;
        PhysicalType = ValueKinds.Physical(kind);
    }

    internal DataField(string name, Type clrType, bool isNullable, ValueKind kind, SchemaElement element) : base(name)
    {
        ClrType = clrType;
        _isNullable = isNullable;
        Kind = kind;
        PhysicalType = element.Type ?? PhysicalType.ByteArray;
        Element = element;
    }

    public Type ClrType { get; }

    public override bool IsNullable => _isNullable;

    public PhysicalType PhysicalType { get; }

    /// <summary>Dotted path of the column in the schema (e.g. <c>tags.list.element</c>).</summary>
    public string Path => string.Join('.', PathParts);

    public int MaxDefinitionLevel { get; internal set; }
    public int MaxRepetitionLevel { get; internal set; }

    internal ValueKind Kind { get; }
    internal SchemaElement? Element { get; }
    internal string[] PathParts { get; set; } = [];

    /// <summary>Position among the schema's leaf columns.</summary>
    internal int ColumnIndex { get; set; } = -1;

    internal int TypeLength => Element?.TypeLength ?? 0;

    public override string ToString() => $"{Name}: {ClrType.Name}{(IsNullable ? "?" : "")}";
}

/// <summary>A leaf column whose values are of type <typeparamref name="T"/> (e.g. <c>DataField&lt;int?&gt;</c>).</summary>
public sealed class DataField<T> : DataField
{
    public DataField(string name, bool? isNullable = null) : base(name, typeof(T), isNullable)
    {
    }
}
