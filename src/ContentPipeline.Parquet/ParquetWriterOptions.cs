namespace ContentPipeline.Parquet;

/// <summary>Knobs of the low-level writer (the serializer's options map onto these).</summary>
public sealed class ParquetWriterOptions
{
    public CompressionMethod CompressionMethod { get; set; } = CompressionMethod.Snappy;

    /// <summary>Written as the footer's key_value_metadata.</summary>
    public IDictionary<string, string>? CustomMetadata { get; set; }

    /// <summary>Overrides the footer's created_by (default <c>contentpipeline version 0.1.0 (build &lt;hash&gt;)</c>).</summary>
    public string? CreatedBy { get; set; }

    /// <summary>Target uncompressed size of a data page's values.</summary>
    public int DataPageSize { get; set; } = 1 << 20;

    /// <summary>Upper bound on level entries per data page.</summary>
    public int MaxLevelsPerPage { get; set; } = 200_000;

    public bool UseDictionaryEncoding { get; set; } = true;

    /// <summary>Once the dictionary's PLAIN size exceeds this, the chunk's later pages are PLAIN.</summary>
    public long DictionaryPageSizeLimit { get; set; } = 1 << 20;

    public int DictionaryMaxEntries { get; set; } = 1 << 16;

    /// <summary>No dictionary when the first page's distinct values exceed this fraction of its values.</summary>
    public double DictionaryMaxDistinctRatio { get; set; } = 0.5;

    internal ParquetWriterOptions Clone() => (ParquetWriterOptions)MemberwiseClone();
}
