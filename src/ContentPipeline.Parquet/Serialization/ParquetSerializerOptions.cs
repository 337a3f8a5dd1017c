namespace ContentPipeline.Parquet.Serialization;

public sealed class ParquetSerializerOptions
{
    public CompressionMethod CompressionMethod { get; set; } = CompressionMethod.Snappy;

    /// <summary>Maximum rows per row group.</summary>
    public int RowGroupSize { get; set; } = 1_000_000;

    /// <summary>A row group is flushed once its buffered (uncompressed) data reaches about this many bytes.</summary>
    public long RowGroupSizeBytes { get; set; } = 64L << 20;

    /// <summary>Footer key_value_metadata.</summary>
    public IDictionary<string, string>? CustomMetadata { get; set; }

    /// <summary>Overrides the footer's created_by.</summary>
    public string? CreatedBy { get; set; }

    /// <summary>Low-level knobs (page size, dictionary limits); compression, metadata and created_by come from the properties above.</summary>
    public ParquetWriterOptions? WriterOptions { get; set; }

    internal ParquetWriterOptions ToWriterOptions()
    {
        var o = WriterOptions?.Clone() ?? new ParquetWriterOptions();
        o.CompressionMethod = CompressionMethod;
        o.CustomMetadata = CustomMetadata;
        o.CreatedBy = CreatedBy;
        return o;
    }
}
