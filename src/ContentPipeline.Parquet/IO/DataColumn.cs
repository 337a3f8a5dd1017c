using ContentPipeline.Parquet.Schema;

namespace ContentPipeline.Parquet;

/// <summary>
/// The values of one column of a row group. <see cref="Data"/> holds one entry per level entry: for a flat column
/// one per row (null where the row's value is null), for a list column one per element slot, where null/empty lists
/// and null elements are null entries distinguished by <see cref="DefinitionLevels"/>. The array type is the field's
/// CLR type, nullable (<c>int?[]</c>) when the column has definition levels.
/// </summary>
public sealed class DataColumn
{
    public DataColumn(DataField field, Array data, int[]? repetitionLevels = null)
        : this(field, data, null, repetitionLevels)
    {
    }

    public DataColumn(DataField field, Array data, int[]? definitionLevels, int[]? repetitionLevels)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(data);
        if (definitionLevels != null && definitionLevels.Length != data.Length)
            throw new ArgumentException($"Column '{field.Name}': {definitionLevels.Length} definition levels for {data.Length} values.");
        if (repetitionLevels != null && repetitionLevels.Length != data.Length)
            throw new ArgumentException($"Column '{field.Name}': {repetitionLevels.Length} repetition levels for {data.Length} values.");
        Field = field;
        Data = data;
        DefinitionLevels = definitionLevels;
        RepetitionLevels = repetitionLevels;
    }

    public DataField Field { get; }
    public Array Data { get; }
    public int[]? DefinitionLevels { get; }
    public int[]? RepetitionLevels { get; }

    /// <summary>Number of level entries (rows for a flat column).</summary>
    public int Count => Data.Length;

    public override string ToString() => $"{Field.Path}: {Data.Length} entries";
}
