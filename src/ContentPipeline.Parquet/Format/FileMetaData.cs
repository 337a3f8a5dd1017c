using ContentPipeline.Parquet.Thrift;

namespace ContentPipeline.Parquet.Format;

/// <summary>The file footer (parquet.thrift <c>FileMetaData</c>).</summary>
public sealed class FileMetaData
{
    public int Version { get; set; } = 1;
    public List<SchemaElement> Schema { get; set; } = [];
    public long NumRows { get; set; }
    public List<RowGroup> RowGroups { get; set; } = [];
    public List<KeyValue>? KeyValueMetadata { get; set; }
    public string? CreatedBy { get; set; }
    /// <summary>One entry per leaf column; true = TypeDefinedOrder.</summary>
    public List<bool>? ColumnOrders { get; set; }

    internal void Write(CompactProtocolWriter w)
    {
        w.StructBegin();
        w.FieldI32(1, Version);
        w.FieldListBegin(2, CompactType.Struct, Schema.Count);
        foreach (var s in Schema) s.Write(w);
        w.FieldI64(3, NumRows);
        w.FieldListBegin(4, CompactType.Struct, RowGroups.Count);
        foreach (var rg in RowGroups) rg.Write(w);
        if (KeyValueMetadata is { Count: > 0 })
        {
            w.FieldListBegin(5, CompactType.Struct, KeyValueMetadata.Count);
            foreach (var kv in KeyValueMetadata) kv.Write(w);
        }
        if (CreatedBy != null) w.FieldString(6, CreatedBy);
        if (ColumnOrders != null)
        {
            w.FieldListBegin(7, CompactType.Struct, ColumnOrders.Count);
            foreach (var _ in ColumnOrders)
            {
                w.StructBegin();
                w.FieldStructBegin(1); // TYPE_ORDER: TypeDefinedOrder {}
                w.StructEnd();
                w.StructEnd();
            }
        }
        w.StructEnd();
    }

    internal static FileMetaData Read(CompactProtocolReader r)
    {
        var m = new FileMetaData();
        bool haveSchema = false, haveRows = false, haveRowGroups = false;
        r.StructBegin();
        while (r.NextField(out short id, out var t))
        {
            switch (id)
            {
                case 1: m.Version = r.I32(t, "version"); break;
                case 2:
                {
                    int n = r.ListBegin(t, "schema", CompactType.Struct);
                    m.Schema = new List<SchemaElement>(n);
                    for (int i = 0; i < n; i++) m.Schema.Add(SchemaElement.Read(r));
                    haveSchema = true;
                    break;
                }
                case 3: m.NumRows = r.I64(t, "num_rows"); haveRows = true; break;
                case 4:
                {
                    int n = r.ListBegin(t, "row_groups", CompactType.Struct);
                    m.RowGroups = new List<RowGroup>(n);
                    for (int i = 0; i < n; i++) m.RowGroups.Add(RowGroup.Read(r));
                    haveRowGroups = true;
                    break;
                }
                case 5:
                {
                    int n = r.ListBegin(t, "key_value_metadata", CompactType.Struct);
                    m.KeyValueMetadata = new List<KeyValue>(n);
                    for (int i = 0; i < n; i++) m.KeyValueMetadata.Add(KeyValue.Read(r));
                    break;
                }
                case 6: m.CreatedBy = r.String(t, "created_by"); break;
                case 7:
                {
                    int n = r.ListBegin(t, "column_orders", CompactType.Struct);
                    m.ColumnOrders = new List<bool>(n);
                    for (int i = 0; i < n; i++)
                    {
                        bool typeDefined = false;
                        r.StructBegin();
                        while (r.NextField(out short cid, out var ct))
                        {
                            if (cid == 1 && ct == CompactType.Struct) typeDefined = true;
                            r.Skip(ct);
                        }
                        r.StructEnd();
                        m.ColumnOrders.Add(typeDefined);
                    }
                    break;
                }
                default: r.Skip(t); break;
            }
        }
        r.StructEnd();
        if (!haveSchema) throw r.Error("FileMetaData.schema is missing");
        if (!haveRows) throw r.Error("FileMetaData.num_rows is missing");
        if (!haveRowGroups) throw r.Error("FileMetaData.row_groups is missing");
        return m;
    }
}

public sealed class KeyValue
{
    public KeyValue(string key, string? value)
    {
        Key = key;
        Value = value;
    }

    public string Key { get; set; }
    public string? Value { get; set; }

    internal void Write(CompactProtocolWriter w)
    {
        w.StructBegin();
        w.FieldString(1, Key);
        if (Value != null) w.FieldString(2, Value);
        w.StructEnd();
    }

    internal static KeyValue Read(CompactProtocolReader r)
    {
        string? key = null, value = null;
        r.StructBegin();
        while (r.NextField(out short id, out var t))
        {
            switch (id)
            {
                case 1: key = r.String(t, "key"); break;
                case 2: value = r.String(t, "value"); break;
                default: r.Skip(t); break;
            }
        }
        r.StructEnd();
        return new KeyValue(key ?? throw r.Error("KeyValue.key is missing"), value);
    }
}

/// <summary>One node of the flattened schema tree (parquet.thrift <c>SchemaElement</c>).</summary>
public sealed class SchemaElement
{
    public PhysicalType? Type { get; set; }
    public int? TypeLength { get; set; }
    public FieldRepetitionType? RepetitionType { get; set; }
    public string Name { get; set; } = "";
    public int? NumChildren { get; set; }
    public ConvertedType? ConvertedType { get; set; }
    public int? Scale { get; set; }
    public int? Precision { get; set; }
    public int? FieldId { get; set; }
    public LogicalType? LogicalType { get; set; }

    internal void Write(CompactProtocolWriter w)
    {
        w.StructBegin();
        if (Type.HasValue) w.FieldI32(1, (int)Type.Value);
        if (TypeLength.HasValue) w.FieldI32(2, TypeLength.Value);
        if (RepetitionType.HasValue) w.FieldI32(3, (int)RepetitionType.Value);
        w.FieldString(4, Name);
        if (NumChildren.HasValue) w.FieldI32(5, NumChildren.Value);
        if (ConvertedType.HasValue) w.FieldI32(6, (int)ConvertedType.Value);
        if (Scale.HasValue) w.FieldI32(7, Scale.Value);
        if (Precision.HasValue) w.FieldI32(8, Precision.Value);
        if (FieldId.HasValue) w.FieldI32(9, FieldId.Value);
        if (LogicalType != null)
        {
            w.FieldStructBegin(10);
            LogicalType.WriteFields(w);
            w.StructEnd();
        }
        w.StructEnd();
    }

    internal static SchemaElement Read(CompactProtocolReader r)
    {
        var e = new SchemaElement();
        bool haveName = false;
        r.StructBegin();
        while (r.NextField(out short id, out var t))
        {
            switch (id)
            {
                case 1: e.Type = (PhysicalType)r.I32(t, "type"); break;
                case 2: e.TypeLength = r.I32(t, "type_length"); break;
                case 3: e.RepetitionType = (FieldRepetitionType)r.I32(t, "repetition_type"); break;
                case 4: e.Name = r.String(t, "name"); haveName = true; break;
                case 5: e.NumChildren = r.I32(t, "num_children"); break;
                case 6: e.ConvertedType = (ConvertedType)r.I32(t, "converted_type"); break;
                case 7: e.Scale = r.I32(t, "scale"); break;
                case 8: e.Precision = r.I32(t, "precision"); break;
                case 9: e.FieldId = r.I32(t, "field_id"); break;
                case 10:
                    r.StructField(t, "logicalType");
                    e.LogicalType = LogicalType.Read(r);
                    r.StructEnd();
                    break;
                default: r.Skip(t); break;
            }
        }
        r.StructEnd();
        if (!haveName) throw r.Error("SchemaElement.name is missing");
        return e;
    }
}
