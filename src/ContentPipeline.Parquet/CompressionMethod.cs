namespace ContentPipeline.Parquet;

/// <summary>Page compression (names as in Parquet.Net).</summary>
public enum CompressionMethod
{
    None = 0,
    Snappy = 1,
    Gzip = 2,
    Brotli = 4,
}
