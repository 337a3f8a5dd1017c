namespace ContentPipeline.Parquet;

/// <summary>
/// The bytes are not a valid Parquet file (truncated, corrupt or hostile) or cannot be represented.
/// The message says what is wrong and where (offset, row group, column, page).
/// </summary>
public class ParquetFormatException(string message, Exception? inner = null) : Exception(message, inner);
