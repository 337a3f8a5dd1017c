using ContentPipeline.Parquet.Serialization;

namespace ContentPipeline.Parquet.Tests;

/// <summary>Writes sample files for manual checks with an external reader when PARQUET_SAMPLE_DIR is set.</summary>
public class SampleFileWriter
{
    [Fact]
    public void WriteSamples()
    {
        var dir = Environment.GetEnvironmentVariable("PARQUET_SAMPLE_DIR");
        if (string.IsNullOrEmpty(dir)) return;
        Directory.CreateDirectory(dir);
        foreach (var codec in Enum.GetValues<CompressionMethod>())
        {
            using var fs = File.Create(Path.Combine(dir, $"alltypes-{codec}.parquet"));
            ParquetSerializer.Serialize(Enumerable.Range(0, 3000).Select(TestData.MakeAllTypes), fs,
                new ParquetSerializerOptions { CompressionMethod = codec, RowGroupSize = 1000 });
        }
    }
}
