using ContentPipeline.Parquet.Thrift;

namespace ContentPipeline.Parquet.Format;

public sealed class RowGroup
{
    public List<ColumnChunk> Columns { get; set; } = [];
    public long TotalByteSize { get; set; }
    public long NumRows { get; set; }
    public long? FileOffset { get; set; }
    public long? TotalCompressedSize { get; set; }
    public short? Ordinal { get; set; }

    internal void Write(CompactProtocolWriter w)
    {
        w.StructBegin();
        w.FieldListBegin(1, CompactType.Struct, Columns.Count);
        foreach (var c in Columns) c.Write(w);
        w.FieldI64(2, TotalByteSize);
        w.FieldI64(3, NumRows);
        if (FileOffset.HasValue) w.FieldI64(5, FileOffset.Value);
        if (TotalCompressedSize.HasValue) w.FieldI64(6, TotalCompressedSize.Value);
        if (Ordinal.HasValue) w.FieldI16(7, Ordinal.Value);
        w.StructEnd();
    }

    internal static RowGroup Read(CompactProtocolReader r)
    {
        var g = new RowGroup();
        r.StructBegin();
        while (r.NextField(out short id, out var t))
        {
            switch (id)
            {
                case 1:
                {
                    int n = r.ListBegin(t, "columns", CompactType.Struct);
                    g.Columns = new List<ColumnChunk>(n);
                    for (int i = 0; i < n; i++) g.Columns.Add(ColumnChunk.Read(r));
                    break;
                }
                case 2: g.TotalByteSize = r.I64(t, "total_byte_size"); break;
                case 3: g.NumRows = r.I64(t, "num_rows"); break;
                case 5: g.FileOffset = r.I64(t, "file_offset"); break;
                case 6: g.TotalCompressedSize = r.I64(t, "total_compressed_size"); break;
                default: r.Skip(t); break;
            }
        }
        r.StructEnd();
        return g;
    }
}

public sealed class ColumnChunk
{
    public string? FilePath { get; set; }
    public long FileOffset { get; set; }
    public ColumnMetaData? MetaData { get; set; }

    internal void Write(CompactProtocolWriter w)
    {
        w.StructBegin();
        if (FilePath != null) w.FieldString(1, FilePath);
        w.FieldI64(2, FileOffset);
        if (MetaData != null)
        {
            w.FieldStructBegin(3);
            MetaData.WriteFields(w);
            w.StructEnd();
        }
        w.StructEnd();
    }

    internal static ColumnChunk Read(CompactProtocolReader r)
    {
        var c = new ColumnChunk();
        r.StructBegin();
        while (r.NextField(out short id, out var t))
        {
            switch (id)
            {
                case 1: c.FilePath = r.String(t, "file_path"); break;
                case 2: c.FileOffset = r.I64(t, "file_offset"); break;
                case 3:
                    r.StructField(t, "meta_data");
                    c.MetaData = ColumnMetaData.ReadFields(r);
                    r.StructEnd();
                    break;
                default: r.Skip(t); break;
            }
        }
        r.StructEnd();
        return c;
    }
}

public sealed class PageEncodingStats
{
    public PageType PageType { get; set; }
    public ParquetEncoding Encoding { get; set; }
    public int Count { get; set; }
}

public sealed class ColumnMetaData
{
    public PhysicalType Type { get; set; }
    public List<ParquetEncoding> Encodings { get; set; } = [];
    public List<string> PathInSchema { get; set; } = [];
    public CompressionCodec Codec { get; set; }
    public long NumValues { get; set; }
    public long TotalUncompressedSize { get; set; }
    public long TotalCompressedSize { get; set; }
    public List<KeyValue>? KeyValueMetadata { get; set; }
    public long DataPageOffset { get; set; }
    public long? DictionaryPageOffset { get; set; }
    public ColumnStatistics? Statistics { get; set; }
    public List<PageEncodingStats>? EncodingStats { get; set; }

    internal void WriteFields(CompactProtocolWriter w)
    {
        w.FieldI32(1, (int)Type);
        w.FieldListBegin(2, CompactType.I32, Encodings.Count);
        foreach (var e in Encodings) w.WriteI32Value((int)e);
        w.FieldListBegin(3, CompactType.Binary, PathInSchema.Count);
        foreach (var p in PathInSchema) w.WriteStringValue(p);
        w.FieldI32(4, (int)Codec);
        w.FieldI64(5, NumValues);
        w.FieldI64(6, TotalUncompressedSize);
        w.FieldI64(7, TotalCompressedSize);
        if (KeyValueMetadata is { Count: > 0 })
        {
            w.FieldListBegin(8, CompactType.Struct, KeyValueMetadata.Count);
            foreach (var kv in KeyValueMetadata) kv.Write(w);
        }
        w.FieldI64(9, DataPageOffset);
        if (DictionaryPageOffset.HasValue) w.FieldI64(11, DictionaryPageOffset.Value);
        if (Statistics != null)
        {
            w.FieldStructBegin(12);
            Statistics.WriteFields(w);
            w.StructEnd();
        }
        if (EncodingStats is { Count: > 0 })
        {
            w.FieldListBegin(13, CompactType.Struct, EncodingStats.Count);
            foreach (var s in EncodingStats)
            {
                w.StructBegin();
                w.FieldI32(1, (int)s.PageType);
                w.FieldI32(2, (int)s.Encoding);
                w.FieldI32(3, s.Count);
                w.StructEnd();
            }
        }
    }

    internal static ColumnMetaData ReadFields(CompactProtocolReader r)
    {
        var m = new ColumnMetaData();
        bool haveType = false, haveCodec = false, haveNum = false, haveOffset = false;
        while (r.NextField(out short id, out var t))
        {
            switch (id)
            {
                case 1: m.Type = (PhysicalType)r.I32(t, "type"); haveType = true; break;
                case 2:
                {
                    int n = r.ListBegin(t, "encodings", CompactType.I32);
                    m.Encodings = new List<ParquetEncoding>(n);
                    for (int i = 0; i < n; i++) m.Encodings.Add((ParquetEncoding)r.I32Element());
                    break;
                }
                case 3:
                {
                    int n = r.ListBegin(t, "path_in_schema", CompactType.Binary);
                    m.PathInSchema = new List<string>(n);
                    for (int i = 0; i < n; i++) m.PathInSchema.Add(r.StringElement());
                    break;
                }
                case 4: m.Codec = (CompressionCodec)r.I32(t, "codec"); haveCodec = true; break;
                case 5: m.NumValues = r.I64(t, "num_values"); haveNum = true; break;
                case 6: m.TotalUncompressedSize = r.I64(t, "total_uncompressed_size"); break;
                case 7: m.TotalCompressedSize = r.I64(t, "total_compressed_size"); break;
                case 8:
                {
                    int n = r.ListBegin(t, "key_value_metadata", CompactType.Struct);
                    m.KeyValueMetadata = new List<KeyValue>(n);
                    for (int i = 0; i < n; i++) m.KeyValueMetadata.Add(KeyValue.Read(r));
                    break;
                }
                case 9: m.DataPageOffset = r.I64(t, "data_page_offset"); haveOffset = true; break;
                case 11: m.DictionaryPageOffset = r.I64(t, "dictionary_page_offset"); break;
                case 12:
                    r.StructField(t, "statistics");
                    m.Statistics = ColumnStatistics.ReadFields(r);
                    r.StructEnd();
                    break;
                case 13:
                {
                    int n = r.ListBegin(t, "encoding_stats", CompactType.Struct);
                    m.EncodingStats = new List<PageEncodingStats>(n);
                    for (int i = 0; i < n; i++)
                    {
                        var s = new PageEncodingStats();
                        r.StructBegin();
                        while (r.NextField(out short sid, out var st))
                        {
                            switch (sid)
                            {
                                case 1: s.PageType = (PageType)r.I32(st, "page_type"); break;
                                case 2: s.Encoding = (ParquetEncoding)r.I32(st, "encoding"); break;
                                case 3: s.Count = r.I32(st, "count"); break;
                                default: r.Skip(st); break;
                            }
                        }
                        r.StructEnd();
                        m.EncodingStats.Add(s);
                    }
                    break;
                }
                default: r.Skip(t); break;
            }
        }
        if (!haveType || !haveCodec || !haveNum || !haveOffset)
            throw r.Error("ColumnMetaData is missing a required field (type, codec, num_values or data_page_offset)");
        return m;
    }
}

/// <summary>Column chunk or page statistics. Values are PLAIN-encoded (byte arrays without length prefix).</summary>
public sealed class ColumnStatistics
{
    public byte[]? Max { get; set; }
    public byte[]? Min { get; set; }
    public long? NullCount { get; set; }
    public long? DistinctCount { get; set; }
    public byte[]? MaxValue { get; set; }
    public byte[]? MinValue { get; set; }
    public bool? IsMaxValueExact { get; set; }
    public bool? IsMinValueExact { get; set; }

    internal void WriteFields(CompactProtocolWriter w)
    {
        if (Max != null) w.FieldBinary(1, Max);
        if (Min != null) w.FieldBinary(2, Min);
        if (NullCount.HasValue) w.FieldI64(3, NullCount.Value);
        if (DistinctCount.HasValue) w.FieldI64(4, DistinctCount.Value);
        if (MaxValue != null) w.FieldBinary(5, MaxValue);
        if (MinValue != null) w.FieldBinary(6, MinValue);
        if (IsMaxValueExact.HasValue) w.FieldBool(7, IsMaxValueExact.Value);
        if (IsMinValueExact.HasValue) w.FieldBool(8, IsMinValueExact.Value);
    }

    internal static ColumnStatistics ReadFields(CompactProtocolReader r)
    {
        var s = new ColumnStatistics();
        while (r.NextField(out short id, out var t))
        {
            switch (id)
            {
                case 1: s.Max = r.Binary(t, "max"); break;
                case 2: s.Min = r.Binary(t, "min"); break;
                case 3: s.NullCount = r.I64(t, "null_count"); break;
                case 4: s.DistinctCount = r.I64(t, "distinct_count"); break;
                case 5: s.MaxValue = r.Binary(t, "max_value"); break;
                case 6: s.MinValue = r.Binary(t, "min_value"); break;
                case 7: s.IsMaxValueExact = r.Bool(t, "is_max_value_exact"); break;
                case 8: s.IsMinValueExact = r.Bool(t, "is_min_value_exact"); break;
                default: r.Skip(t); break;
            }
        }
        return s;
    }
}
