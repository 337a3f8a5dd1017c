using ContentPipeline.Parquet.Thrift;

namespace ContentPipeline.Parquet.Format;

public sealed class PageHeader
{
    public PageType Type { get; set; }
    public int UncompressedPageSize { get; set; }
    public int CompressedPageSize { get; set; }
    public DataPageHeader? DataPageHeader { get; set; }
    public DictionaryPageHeader? DictionaryPageHeader { get; set; }
    public DataPageHeaderV2? DataPageHeaderV2 { get; set; }

    internal void Write(CompactProtocolWriter w)
    {
        w.StructBegin();
        w.FieldI32(1, (int)Type);
        w.FieldI32(2, UncompressedPageSize);
        w.FieldI32(3, CompressedPageSize);
        if (DataPageHeader is { } d)
        {
            w.FieldStructBegin(5);
            w.FieldI32(1, d.NumValues);
            w.FieldI32(2, (int)d.Encoding);
            w.FieldI32(3, (int)d.DefinitionLevelEncoding);
            w.FieldI32(4, (int)d.RepetitionLevelEncoding);
            w.StructEnd();
        }
        if (DictionaryPageHeader is { } dp)
        {
            w.FieldStructBegin(7);
            w.FieldI32(1, dp.NumValues);
            w.FieldI32(2, (int)dp.Encoding);
            w.StructEnd();
        }
        if (DataPageHeaderV2 is { } v2)
        {
            w.FieldStructBegin(8);
            w.FieldI32(1, v2.NumValues);
            w.FieldI32(2, v2.NumNulls);
            w.FieldI32(3, v2.NumRows);
            w.FieldI32(4, (int)v2.Encoding);
            w.FieldI32(5, v2.DefinitionLevelsByteLength);
            w.FieldI32(6, v2.RepetitionLevelsByteLength);
            w.FieldBool(7, v2.IsCompressed);
            w.StructEnd();
        }
        w.StructEnd();
    }

    internal static PageHeader Read(CompactProtocolReader r)
    {
        var h = new PageHeader();
        bool haveType = false, haveU = false, haveC = false;
        r.StructBegin();
        while (r.NextField(out short id, out var t))
        {
            switch (id)
            {
                case 1: h.Type = (PageType)r.I32(t, "type"); haveType = true; break;
                case 2: h.UncompressedPageSize = r.I32(t, "uncompressed_page_size"); haveU = true; break;
                case 3: h.CompressedPageSize = r.I32(t, "compressed_page_size"); haveC = true; break;
                case 5:
                {
                    r.StructField(t, "data_page_header");
                    var d = new DataPageHeader();
                    while (r.NextField(out short fid, out var ft))
                    {
                        switch (fid)
                        {
                            case 1: d.NumValues = r.I32(ft, "num_values"); break;
                            case 2: d.Encoding = (ParquetEncoding)r.I32(ft, "encoding"); break;
                            case 3: d.DefinitionLevelEncoding = (ParquetEncoding)r.I32(ft, "definition_level_encoding"); break;
                            case 4: d.RepetitionLevelEncoding = (ParquetEncoding)r.I32(ft, "repetition_level_encoding"); break;
                            default: r.Skip(ft); break;
                        }
                    }
                    r.StructEnd();
                    h.DataPageHeader = d;
                    break;
                }
                case 7:
                {
                    r.StructField(t, "dictionary_page_header");
                    var d = new DictionaryPageHeader();
                    while (r.NextField(out short fid, out var ft))
                    {
                        switch (fid)
                        {
                            case 1: d.NumValues = r.I32(ft, "num_values"); break;
                            case 2: d.Encoding = (ParquetEncoding)r.I32(ft, "encoding"); break;
                            case 3: d.IsSorted = r.Bool(ft, "is_sorted"); break;
                            default: r.Skip(ft); break;
                        }
                    }
                    r.StructEnd();
                    h.DictionaryPageHeader = d;
                    break;
                }
                case 8:
                {
                    r.StructField(t, "data_page_header_v2");
                    var d = new DataPageHeaderV2();
                    while (r.NextField(out short fid, out var ft))
                    {
                        switch (fid)
                        {
                            case 1: d.NumValues = r.I32(ft, "num_values"); break;
                            case 2: d.NumNulls = r.I32(ft, "num_nulls"); break;
                            case 3: d.NumRows = r.I32(ft, "num_rows"); break;
                            case 4: d.Encoding = (ParquetEncoding)r.I32(ft, "encoding"); break;
                            case 5: d.DefinitionLevelsByteLength = r.I32(ft, "definition_levels_byte_length"); break;
                            case 6: d.RepetitionLevelsByteLength = r.I32(ft, "repetition_levels_byte_length"); break;
                            case 7: d.IsCompressed = r.Bool(ft, "is_compressed"); break;
                            default: r.Skip(ft); break;
                        }
                    }
                    r.StructEnd();
                    h.DataPageHeaderV2 = d;
                    break;
                }
                default: r.Skip(t); break;
            }
        }
        r.StructEnd();
        if (!haveType || !haveU || !haveC) throw r.Error("PageHeader is missing type or page sizes");
        if (h.UncompressedPageSize < 0 || h.CompressedPageSize < 0) throw r.Error("negative page size");
        return h;
    }
}

public sealed class DataPageHeader
{
    public int NumValues { get; set; }
    public ParquetEncoding Encoding { get; set; }
    public ParquetEncoding DefinitionLevelEncoding { get; set; } = ParquetEncoding.Rle;
    public ParquetEncoding RepetitionLevelEncoding { get; set; } = ParquetEncoding.Rle;
}

public sealed class DictionaryPageHeader
{
    public int NumValues { get; set; }
    public ParquetEncoding Encoding { get; set; }
    public bool IsSorted { get; set; }
}

public sealed class DataPageHeaderV2
{
    public int NumValues { get; set; }
    public int NumNulls { get; set; }
    public int NumRows { get; set; }
    public ParquetEncoding Encoding { get; set; }
    public int DefinitionLevelsByteLength { get; set; }
    public int RepetitionLevelsByteLength { get; set; }
    public bool IsCompressed { get; set; } = true;
}
