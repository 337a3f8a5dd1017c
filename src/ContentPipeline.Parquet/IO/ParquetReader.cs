using System.Buffers.Binary;
using ContentPipeline.Parquet.Format;
using ContentPipeline.Parquet.IO;
using ContentPipeline.Parquet.Schema;
using ContentPipeline.Parquet.Thrift;

namespace ContentPipeline.Parquet;

/// <summary>
/// Low-level reader: the footer (<see cref="Metadata"/>, <see cref="Schema"/>) on open, then any row group and
/// column on demand. Needs a seekable stream (a non-seekable one is copied into memory). Any malformation is a
/// <see cref="ParquetFormatException"/>.
/// </summary>
public sealed class ParquetReader : IDisposable
{
    /// <summary>Largest footer accepted.</summary>
    public const int MaxFooterSize = 256 << 20;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;

    private ParquetReader(Stream stream, bool leaveOpen, FileMetaData meta, ParquetSchema schema, long fileLength)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        Metadata = meta;
        Schema = schema;
        FileLength = fileLength;
        var kv = new Dictionary<string, string>(StringComparer.Ordinal);
        if (meta.KeyValueMetadata != null)
            foreach (var p in meta.KeyValueMetadata) kv[p.Key] = p.Value ?? "";
        CustomMetadata = kv;
    }

    public FileMetaData Metadata { get; }
    public ParquetSchema Schema { get; }
    public long FileLength { get; }
    public int RowGroupCount => Metadata.RowGroups.Count;
    public long RowCount => Metadata.NumRows;
    public IReadOnlyDictionary<string, string> CustomMetadata { get; }

    public static ParquetReader Open(Stream stream, bool leaveStreamOpen = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            var ms = new MemoryStream();
            stream.CopyTo(ms);
            if (!leaveStreamOpen) stream.Dispose();
            stream = ms;
            leaveStreamOpen = false;
        }
        try
        {
            return OpenSeekable(stream, leaveStreamOpen);
        }
        catch (Exception ex) when (ex is not ParquetFormatException and not OperationCanceledException and not ObjectDisposedException)
        {
            throw new ParquetFormatException($"Cannot read the Parquet footer: {ex.Message}", ex);
        }
    }

    public static async Task<ParquetReader> CreateAsync(Stream stream, bool leaveStreamOpen = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            var ms = new MemoryStream();
            await stream.CopyToAsync(ms, cancellationToken).ConfigureAwait(false);
            if (!leaveStreamOpen) await stream.DisposeAsync().ConfigureAwait(false);
            stream = ms;
            leaveStreamOpen = false;
        }
        return Open(stream, leaveStreamOpen);
    }

    private static ParquetReader OpenSeekable(Stream stream, bool leaveOpen)
    {
        long length = stream.Length;
        if (length < 12) throw new ParquetFormatException($"Not a Parquet file: {length} bytes is shorter than the 12-byte minimum (magic, footer length, magic).");
        Span<byte> head = stackalloc byte[4];
        stream.Position = 0;
        stream.ReadExactly(head);
        if (!head.SequenceEqual(FileWriterCore.Magic)) throw new ParquetFormatException("Not a Parquet file: the first 4 bytes are not 'PAR1'.");
        Span<byte> tail = stackalloc byte[8];
        stream.Position = length - 8;
        stream.ReadExactly(tail);
        if (!tail[4..].SequenceEqual(FileWriterCore.Magic))
            throw new ParquetFormatException($"Not a Parquet file or truncated: the last 4 bytes (offset {length - 4}) are not 'PAR1'.");
        int footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (footerLength <= 0 || footerLength > length - 12 || footerLength > MaxFooterSize)
            throw new ParquetFormatException($"Corrupt footer length {footerLength} at byte offset {length - 8} (file is {length} bytes).");
        long footerStart = length - 8 - footerLength;
        var footer = new byte[footerLength];
        stream.Position = footerStart;
        stream.ReadExactly(footer);
        var r = new CompactProtocolReader(footer, 0, footerLength, footerStart, "footer");
        var meta = FileMetaData.Read(r);
        var schema = ParquetSchema.FromElements(meta.Schema);
        Validate(meta, schema, length);
        return new ParquetReader(stream, leaveOpen, meta, schema, length);
    }

    private static void Validate(FileMetaData meta, ParquetSchema schema, long fileLength)
    {
        int columns = schema.DataFields.Count;
        if (meta.NumRows < 0) throw new ParquetFormatException($"Corrupt footer: negative num_rows {meta.NumRows}.");
        for (int g = 0; g < meta.RowGroups.Count; g++)
        {
            var rg = meta.RowGroups[g];
            if (rg.NumRows < 0) throw new ParquetFormatException($"Corrupt footer: row group {g} has negative num_rows {rg.NumRows}.");
            if (rg.Columns.Count != columns)
                throw new ParquetFormatException($"Corrupt footer: row group {g} has {rg.Columns.Count} column chunks, the schema has {columns} columns.");
            for (int c = 0; c < columns; c++)
            {
                var chunk = rg.Columns[c];
                string where = $"column '{schema.DataFields[c].Path}' in row group {g}";
                if (chunk.FilePath != null) throw new ParquetFormatException($"Unsupported: {where} is stored in another file ('{chunk.FilePath}').");
                var m = chunk.MetaData ?? throw new ParquetFormatException($"Corrupt footer: {where} has no metadata.");
                if (m.Type != schema.DataFields[c].PhysicalType)
                    throw new ParquetFormatException($"Corrupt footer: {where} has physical type {m.Type}, the schema says {schema.DataFields[c].PhysicalType}.");
                long start = ChunkStart(m);
                if (start < 4 || m.TotalCompressedSize < 0 || start + m.TotalCompressedSize > fileLength - 8)
                    throw new ParquetFormatException($"Corrupt footer: {where} spans bytes {start}..{start + m.TotalCompressedSize}, outside the file's data (4..{fileLength - 8}).");
                if (m.TotalCompressedSize > int.MaxValue)
                    throw new ParquetFormatException($"Unsupported: {where} is {m.TotalCompressedSize} bytes, more than 2 GB.");
            }
        }
    }

    internal static long ChunkStart(ColumnMetaData m) =>
        m.DictionaryPageOffset is > 0 and var d && d < m.DataPageOffset ? d : m.DataPageOffset;

    public ParquetRowGroupReader OpenRowGroupReader(int index)
    {
        if (index < 0 || index >= RowGroupCount) throw new ArgumentOutOfRangeException(nameof(index), $"The file has {RowGroupCount} row groups.");
        return new ParquetRowGroupReader(this, index);
    }

    internal ColumnData ReadColumnData(int rowGroup, DataField field)
    {
        var fields = Schema.DataFields;
        int c = field.ColumnIndex;
        if (c < 0 || c >= fields.Count || !ReferenceEquals(fields[c], field))
        {
            // Accept an equivalent field built by the caller: match by path.
            c = -1;
            for (int i = 0; i < fields.Count; i++)
                if (fields[i].Path == field.Path || (field.PathParts.Length == 0 && fields[i].Name == field.Name && fields[i].PathParts.Length == 1)) { c = i; break; }
            if (c < 0) throw new ArgumentException($"Field '{field.Name}' is not a column of this file.");
            field = fields[c];
        }
        var rg = Metadata.RowGroups[rowGroup];
        var m = rg.Columns[c].MetaData!;
        long start = ChunkStart(m);
        var bytes = new byte[m.TotalCompressedSize];
        try
        {
            _stream.Position = start;
            _stream.ReadExactly(bytes);
        }
        catch (EndOfStreamException ex)
        {
            throw new ParquetFormatException($"Truncated file: column '{field.Path}' in row group {rowGroup} ends beyond the end of the stream.", ex);
        }
        try
        {
            return new ColumnChunkReader(field, m, bytes, start, rowGroup, rg.NumRows).Read();
        }
        catch (Exception ex) when (ex is not ParquetFormatException and not OperationCanceledException and not OutOfMemoryException)
        {
            throw new ParquetFormatException($"Corrupt column '{field.Path}' in row group {rowGroup}: {ex.Message}", ex);
        }
    }

    public void Dispose()
    {
        if (!_leaveOpen) _stream.Dispose();
    }
}

/// <summary>Reads the columns of one row group.</summary>
public sealed class ParquetRowGroupReader : IDisposable
{
    private readonly ParquetReader _reader;

    internal ParquetRowGroupReader(ParquetReader reader, int index)
    {
        _reader = reader;
        Index = index;
    }

    public int Index { get; }
    public RowGroup Metadata => _reader.Metadata.RowGroups[Index];
    public long RowCount => Metadata.NumRows;

    public DataColumn ReadColumn(DataField field) => _reader.ReadColumnData(Index, field).ToDataColumn();

    public Task<DataColumn> ReadColumnAsync(DataField field, CancellationToken cancellationToken = default) =>
        Task.FromResult(ReadColumn(field));

    internal ColumnData ReadColumnData(DataField field) => _reader.ReadColumnData(Index, field);

    public void Dispose()
    {
    }
}
