namespace ContentPipeline.Parquet.Serialization;

/// <summary>The serializer skips this property (no column is written or read for it).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ParquetIgnoreAttribute : Attribute
{
}
