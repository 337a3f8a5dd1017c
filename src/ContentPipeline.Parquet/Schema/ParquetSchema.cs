using ContentPipeline.Parquet.Format;

namespace ContentPipeline.Parquet.Schema;

/// <summary>The tree of fields of a Parquet file. Leaf columns are numbered depth-first.</summary>
public sealed class ParquetSchema
{
    private const int MaxSchemaDepth = 32;
    private readonly DataField[] _dataFields;

    public ParquetSchema(params Field[] fields) : this((IReadOnlyList<Field>)fields)
    {
    }

    public ParquetSchema(IReadOnlyList<Field> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count == 0) throw new ArgumentException("A schema needs at least one field.", nameof(fields));
        Fields = fields;
        var leaves = new List<DataField>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in fields)
        {
            if (!names.Add(f.Name)) throw new ArgumentException($"Duplicate field name '{f.Name}'.", nameof(fields));
            Assign(f, [], 0, 0, leaves);
        }
        _dataFields = leaves.ToArray();
    }

    public IReadOnlyList<Field> Fields { get; }

    /// <summary>The leaf columns in file order.</summary>
    public DataField[] GetDataFields() => (DataField[])_dataFields.Clone();

    /// <summary>The leaf columns in file order (as Parquet.Net's <c>ParquetSchema.DataFields</c>).</summary>
    public IReadOnlyList<DataField> DataFields => _dataFields;

    public override string ToString() => string.Join(", ", Fields);

    private static void Assign(Field f, string[] parent, int def, int rep, List<DataField> leaves)
    {
        string[] path = [.. parent, f.Name];
        int d = def + (f.IsNullable ? 1 : 0);
        switch (f)
        {
            case DataField df:
                bool repeatedLeaf = df.Element?.RepetitionType == FieldRepetitionType.Repeated;
                df.PathParts = path;
                df.MaxDefinitionLevel = d + (repeatedLeaf ? 1 : 0);
                df.MaxRepetitionLevel = rep + (repeatedLeaf ? 1 : 0);
                df.ColumnIndex = leaves.Count;
                leaves.Add(df);
                break;
            case ListField lf:
                if (lf.IsThreeLevel)
                    Assign(lf.Item, [.. path, lf.ContainerName], d + 1, rep + 1, leaves);
                else
                    Assign(lf.Item, path, d, rep, leaves); // two-level: the item element is itself repeated
                break;
            case StructField sf:
                foreach (var c in sf.Fields) Assign(c, path, d + (sf.IsRepeated ? 1 : 0), rep + (sf.IsRepeated ? 1 : 0), leaves);
                break;
        }
    }

    /// <summary>Flattens the schema into footer elements (root first, depth-first).</summary>
    internal List<SchemaElement> ToElements()
    {
        var list = new List<SchemaElement> { new() { Name = "schema", NumChildren = Fields.Count } };
        foreach (var f in Fields) AddElements(f, list);
        return list;
    }

    private static void AddElements(Field f, List<SchemaElement> list)
    {
        var rt = f.IsNullable ? FieldRepetitionType.Optional : FieldRepetitionType.Required;
        switch (f)
        {
            case DataField df:
                var e = new SchemaElement { Name = df.Name, RepetitionType = rt };
                ValueKinds.Annotate(e, df.Kind);
                list.Add(e);
                break;
            case ListField lf:
                if (!lf.IsThreeLevel || lf.Item.Element != null && lf.Item.Element.RepetitionType == FieldRepetitionType.Repeated)
                    throw new NotSupportedException("Writing legacy two-level lists is not supported.");
                list.Add(new SchemaElement
                {
                    Name = lf.Name, RepetitionType = rt, NumChildren = 1,
                    ConvertedType = ConvertedType.List, LogicalType = LogicalType.List(),
                });
                list.Add(new SchemaElement { Name = lf.ContainerName, RepetitionType = FieldRepetitionType.Repeated, NumChildren = 1 });
                AddElements(lf.Item, list);
                break;
            case StructField sf:
                list.Add(new SchemaElement
                {
                    Name = sf.Name,
                    RepetitionType = sf.IsRepeated ? FieldRepetitionType.Repeated : rt,
                    NumChildren = sf.Fields.Count,
                });
                foreach (var c in sf.Fields) AddElements(c, list);
                break;
        }
    }

    /// <summary>Rebuilds the field tree from footer elements, validating counts and depth.</summary>
    internal static ParquetSchema FromElements(List<SchemaElement> elements)
    {
        if (elements.Count == 0) throw new ParquetFormatException("Corrupt footer: the schema has no root element.");
        var root = elements[0];
        int n = root.NumChildren ?? 0;
        if (n <= 0) throw new ParquetFormatException("Corrupt footer: the schema root has no children.");
        int pos = 1;
        var fields = new List<Field>();
        for (int i = 0; i < n; i++) fields.Add(ReadField(elements, ref pos, 1));
        if (pos != elements.Count)
            throw new ParquetFormatException($"Corrupt footer: the schema has {elements.Count} elements but the tree uses {pos}.");
        try
        {
            return new ParquetSchema(fields);
        }
        catch (ArgumentException ex)
        {
            throw new ParquetFormatException($"Corrupt footer: invalid schema: {ex.Message}", ex);
        }
    }

    private static Field ReadField(List<SchemaElement> elements, ref int pos, int depth)
    {
        if (depth > MaxSchemaDepth) throw new ParquetFormatException($"Corrupt footer: schema nested deeper than {MaxSchemaDepth}.");
        if (pos >= elements.Count) throw new ParquetFormatException($"Corrupt footer: schema element {pos} is missing (num_children too large).");
        var e = elements[pos++];
        if (string.IsNullOrEmpty(e.Name)) throw new ParquetFormatException($"Corrupt footer: schema element {pos - 1} has no name.");
        bool nullable = e.RepetitionType == FieldRepetitionType.Optional;
        int nc = e.NumChildren ?? 0;
        if (e.Type.HasValue && nc == 0)
        {
            var kind = ValueKinds.FromElement(e) ?? throw new ParquetFormatException($"Corrupt footer: column '{e.Name}' has unknown physical type {(int)e.Type.Value}.");
            if (e.Type == PhysicalType.FixedLenByteArray && (e.TypeLength is not > 0))
                throw new ParquetFormatException($"Corrupt footer: column '{e.Name}' is FIXED_LEN_BYTE_ARRAY without a positive type_length.");
            return new DataField(e.Name, ValueKinds.Clr(kind), nullable, kind, e);
        }
        if (nc < 0 || nc > elements.Count - pos)
            throw new ParquetFormatException($"Corrupt footer: schema element '{e.Name}' claims {nc} children but only {elements.Count - pos} elements remain.");
        if (nc == 0) throw new ParquetFormatException($"Corrupt footer: group '{e.Name}' has no children.");

        bool isList = e.ConvertedType == ConvertedType.List || e.LogicalType?.Kind == LogicalTypeKind.List;
        if (isList && nc == 1 && e.RepetitionType != FieldRepetitionType.Repeated && pos < elements.Count)
        {
            var mid = elements[pos];
            if (mid.RepetitionType == FieldRepetitionType.Repeated)
            {
                if (mid.Type.HasValue)
                {
                    // Two-level list: the repeated primitive is the element.
                    var item = (DataField)ReadField(elements, ref pos, depth + 1);
                    return new ListField(e.Name, item, nullable) { IsThreeLevel = false };
                }
                if (mid.NumChildren == 1)
                {
                    pos++;
                    var child = ReadField(elements, ref pos, depth + 2);
                    if (child is DataField itemField)
                        return new ListField(e.Name, itemField, nullable) { ContainerName = mid.Name };
                    return new StructField(e.Name, [new StructField(mid.Name, [child], false) { IsRepeated = true }], nullable);
                }
            }
        }
        var children = new List<Field>(nc);
        for (int i = 0; i < nc; i++) children.Add(ReadField(elements, ref pos, depth + 1));
        return new StructField(e.Name, children, nullable) { IsRepeated = e.RepetitionType == FieldRepetitionType.Repeated };
    }
}
