using System.Reflection;
using ContentPipeline.Parquet.Compression;
using ContentPipeline.Parquet.Format;
using ContentPipeline.Parquet.Schema;
using ContentPipeline.Parquet.Thrift;

namespace ContentPipeline.Parquet.IO;

/// <summary>
/// The byte-level state of a file being written: the stream, how many bytes went out, the row groups so far;
/// writes the header magic, column chunks and the footer. Tracks positions itself, so the stream need not seek.
/// </summary>
internal sealed class FileWriterCore : IDisposable
{
    internal static readonly byte[] Magic = "PAR1"u8.ToArray();

    private readonly Stream _stream;
    private readonly ColumnChunkWriter _chunkWriter;
    private readonly List<RowGroup> _rowGroups = [];
    private RowGroup? _current;
    private long _currentStart;

    public FileWriterCore(ParquetSchema schema, Stream stream, ParquetWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite) throw new ArgumentException("The output stream is not writable.", nameof(stream));
        Schema = schema;
        _stream = stream;
        Options = options;
        _chunkWriter = new ColumnChunkWriter(options);
    }

    public ParquetSchema Schema { get; }
    public ParquetWriterOptions Options { get; }
    public long Position { get; private set; }
    public bool FooterWritten { get; private set; }

    public static string DefaultCreatedBy { get; } = BuildCreatedBy();

    private static string BuildCreatedBy()
    {
        var info = typeof(FileWriterCore).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        string build = "dev";
        int plus = info?.IndexOf('+') ?? -1;
        if (info != null && plus >= 0 && info.Length > plus + 1)
        {
            string hash = info[(plus + 1)..];
            build = hash.Length > 7 ? hash[..7] : hash;
        }
        return $"contentpipeline version 0.1.0 (build {build})";
    }

    public void WriteMagic()
    {
        _stream.Write(Magic);
        Position = 4;
    }

    public Task WriteMagicAsync(CancellationToken ct)
    {
        Position = 4;
        return _stream.WriteAsync(Magic, ct).AsTask();
    }

    public void BeginRowGroup()
    {
        if (_current != null) throw new InvalidOperationException("The previous row group is not finished.");
        _current = new RowGroup { FileOffset = Position, Ordinal = (short)Math.Min(_rowGroups.Count, short.MaxValue) };
        _currentStart = Position;
    }

    /// <summary>Encodes a column chunk into the chunk writer's buffer and returns it (the caller writes it).</summary>
    private ReadOnlyMemory<byte> EncodeColumn(ColumnBuffer buf)
    {
        if (_current == null) throw new InvalidOperationException("No row group is open.");
        if (buf.Field.ColumnIndex != _current.Columns.Count)
            throw new InvalidOperationException($"Columns must be written in schema order: expected column {_current.Columns.Count}, got '{buf.Field.Path}'.");
        if (_current.Columns.Count == 0) _current.NumRows = buf.RowCount;
        else if (_current.NumRows != buf.RowCount)
            throw new InvalidOperationException($"Column '{buf.Field.Path}' has {buf.RowCount} rows, the row group's first column has {_current.NumRows}.");
        var chunk = _chunkWriter.Encode(buf, CompressionCodecs.ToCodec(Options.CompressionMethod), Position);
        _current.Columns.Add(chunk);
        _current.TotalByteSize += chunk.MetaData!.TotalUncompressedSize;
        var output = _chunkWriter.Output;
        Position += output.Length;
        return output.Array.AsMemory(0, output.Length);
    }

    public void WriteColumn(ColumnBuffer buf) => _stream.Write(EncodeColumn(buf).Span);

    public ValueTask WriteColumnAsync(ColumnBuffer buf, CancellationToken ct) => _stream.WriteAsync(EncodeColumn(buf), ct);

    public void EndRowGroup()
    {
        if (_current == null) return;
        if (_current.Columns.Count != Schema.DataFields.Count)
        {
            int written = _current.Columns.Count;
            _current = null; // its bytes stay in the file, unreferenced by the footer
            throw new InvalidOperationException($"Row group has {written} of {Schema.DataFields.Count} columns written; it is left out of the file.");
        }
        _current.TotalCompressedSize = Position - _currentStart;
        _rowGroups.Add(_current);
        _current = null;
    }

    /// <summary>Drops an unfinished row group from the footer.</summary>
    public void AbandonRowGroup() => _current = null;

    private byte[] BuildFooter()
    {
        if (_current != null) throw new InvalidOperationException("A row group is still open.");
        var meta = new FileMetaData
        {
            Version = 1,
            Schema = Schema.ToElements(),
            NumRows = _rowGroups.Sum(g => g.NumRows),
            RowGroups = _rowGroups,
            CreatedBy = Options.CreatedBy ?? DefaultCreatedBy,
            ColumnOrders = Schema.DataFields.Select(_ => true).ToList(),
        };
        if (Options.CustomMetadata is { Count: > 0 } kv)
            meta.KeyValueMetadata = kv.Select(p => new KeyValue(p.Key, p.Value)).ToList();
        using var w = new CompactProtocolWriter(4096);
        meta.Write(w);
        var footer = new byte[w.Length + 8];
        w.WrittenSpan.CopyTo(footer);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(footer.AsSpan(w.Length), w.Length);
        Magic.CopyTo(footer, w.Length + 4);
        return footer;
    }

    public void WriteFooter()
    {
        if (FooterWritten) return;
        var footer = BuildFooter();
        _stream.Write(footer);
        _stream.Flush();
        Position += footer.Length;
        FooterWritten = true;
    }

    public async Task WriteFooterAsync(CancellationToken ct)
    {
        if (FooterWritten) return;
        var footer = BuildFooter();
        await _stream.WriteAsync(footer, ct).ConfigureAwait(false);
        await _stream.FlushAsync(ct).ConfigureAwait(false);
        Position += footer.Length;
        FooterWritten = true;
    }

    public void Dispose() => _chunkWriter.Dispose();
}
