using ContentPipeline.Config;
using ContentPipeline.Parquet;
using ContentPipeline.Parquet.Serialization;

namespace ContentPipeline.Running;

/// <summary>
/// The pipeline's one door to Parquet: typed, streaming tables with the codec and row-group size from pipeline.yaml.
/// Reading yields one row group at a time, so memory stays bounded whatever the file size.
/// </summary>
public static class ParquetTable
{
    public static IEnumerable<T> Read<T>(string path) where T : new()
    {
        if (!File.Exists(path))
            throw new ContentPipelineException($"'{path}' is missing: run the stage that writes it first (see 'contentpipeline stages').");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        foreach (var row in ParquetSerializer.Deserialize<T>(stream))
            yield return row;
    }

    /// <summary>A writer that appends rows one at a time; the file is complete when it is disposed.</summary>
    public static TableWriter<T> Create<T>(string path, PublishSettings settings) where T : new()
    {
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        var options = new ParquetSerializerOptions
        {
            CompressionMethod = settings.Compression switch
            {
                "gzip" => CompressionMethod.Gzip,
                "brotli" => CompressionMethod.Brotli,
                "none" => CompressionMethod.None,
                _ => CompressionMethod.Snappy,
            },
            RowGroupSizeBytes = settings.RowGroupBytes,
        };
        return new TableWriter<T>(stream, ParquetSerializer.CreateWriter<T>(stream, options));
    }

    public sealed class TableWriter<T>(FileStream stream, ParquetRecordWriter<T> writer) : IDisposable where T : new()
    {
        public long Count { get; private set; }

        public void Write(T row)
        {
            writer.Write(row);
            Count++;
        }

        public void Dispose()
        {
            writer.Dispose();
            stream.Flush(flushToDisk: true);
            stream.Dispose();
        }
    }
}
