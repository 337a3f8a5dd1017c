namespace ContentPipeline.Parquet.Schema;

/// <summary>A node of a <see cref="ParquetSchema"/>: a column (<see cref="DataField"/>) or a group.</summary>
public abstract class Field
{
    protected Field(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    public string Name { get; }

    /// <summary>Whether the field itself may be null (optional repetition).</summary>
    public abstract bool IsNullable { get; }

    public override string ToString() => Name;
}
