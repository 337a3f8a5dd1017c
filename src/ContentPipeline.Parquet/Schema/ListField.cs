namespace ContentPipeline.Parquet.Schema;

/// <summary>
/// A LIST in the standard three-level layout: <c>&lt;optional|required&gt; group name (LIST) { repeated group list { &lt;item&gt; element } }</c>.
/// </summary>
public sealed class ListField : Field
{
    private readonly bool _isNullable;

    public ListField(string name, DataField item, bool isNullable = true) : base(name)
    {
        ArgumentNullException.ThrowIfNull(item);
        Item = item;
        _isNullable = isNullable;
    }

    public DataField Item { get; }

    public override bool IsNullable => _isNullable;

    /// <summary>Name of the repeated middle group ("list" for files written here).</summary>
    public string ContainerName { get; internal init; } = "list";

    /// <summary>False for a legacy two-level list read from a file (the item itself is repeated).</summary>
    public bool IsThreeLevel { get; internal init; } = true;
}

/// <summary>A group read from a file that is neither a list nor a column (struct, map); its columns are still readable.</summary>
public sealed class StructField : Field
{
    private readonly bool _isNullable;

    public StructField(string name, IReadOnlyList<Field> fields, bool isNullable = true) : base(name)
    {
        Fields = fields;
        _isNullable = isNullable;
    }

    public IReadOnlyList<Field> Fields { get; }

    public override bool IsNullable => _isNullable;

    public bool IsRepeated { get; internal init; }
}
