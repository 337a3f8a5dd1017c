using ContentPipeline.Parquet.IO;
using ContentPipeline.Parquet.Schema;

namespace ContentPipeline.Parquet;

/// <summary>
/// Low-level writer: one row group at a time, one column at a time in schema order. Disposing writes the footer.
/// <code>
/// using var writer = await ParquetWriter.CreateAsync(schema, stream);
/// using (var rg = writer.CreateRowGroup()) { rg.WriteColumn(new DataColumn(idField, ids)); ... }
/// </code>
/// </summary>
public sealed class ParquetWriter : IDisposable, IAsyncDisposable
{
    private readonly FileWriterCore _core;
    private readonly ParquetWriterOptions _options;
    private ParquetRowGroupWriter? _openRowGroup;

    private ParquetWriter(ParquetSchema schema, Stream stream, ParquetWriterOptions? options)
    {
        _options = options?.Clone() ?? new ParquetWriterOptions();
        _core = new FileWriterCore(schema, stream, _options);
    }

    public static ParquetWriter Create(ParquetSchema schema, Stream stream, ParquetWriterOptions? options = null)
    {
        var w = new ParquetWriter(schema, stream, options);
        w._core.WriteMagic();
        return w;
    }

    public static async Task<ParquetWriter> CreateAsync(ParquetSchema schema, Stream stream, ParquetWriterOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var w = new ParquetWriter(schema, stream, options);
        await w._core.WriteMagicAsync(cancellationToken).ConfigureAwait(false);
        return w;
    }

    public ParquetSchema Schema => _core.Schema;

    /// <summary>Codec for the pages written from now on.</summary>
    public CompressionMethod CompressionMethod
    {
        get => _options.CompressionMethod;
        set => _options.CompressionMethod = value;
    }

    /// <summary>Footer key_value_metadata; may be set until the writer is disposed.</summary>
    public IDictionary<string, string>? CustomMetadata
    {
        get => _options.CustomMetadata;
        set => _options.CustomMetadata = value;
    }

    public ParquetRowGroupWriter CreateRowGroup()
    {
        if (_openRowGroup is { IsCompleted: false }) throw new InvalidOperationException("Dispose the previous row group writer first.");
        _core.BeginRowGroup();
        _openRowGroup = new ParquetRowGroupWriter(_core);
        return _openRowGroup;
    }

    private void AbandonOpenRowGroup()
    {
        if (_openRowGroup is { IsCompleted: false })
        {
            _openRowGroup.MarkCompleted();
            _core.AbandonRowGroup();
        }
    }

    public void Dispose()
    {
        if (_core.FooterWritten) return;
        AbandonOpenRowGroup();
        _core.WriteFooter();
        _core.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_core.FooterWritten) return;
        AbandonOpenRowGroup();
        await _core.WriteFooterAsync(default).ConfigureAwait(false);
        _core.Dispose();
    }
}

/// <summary>Writes the columns of one row group, in schema order; dispose to finish the row group.</summary>
public sealed class ParquetRowGroupWriter : IDisposable
{
    private readonly FileWriterCore _core;

    internal ParquetRowGroupWriter(FileWriterCore core)
    {
        _core = core;
    }

    internal bool IsCompleted { get; private set; }

    internal void MarkCompleted() => IsCompleted = true;

    public void WriteColumn(DataColumn column)
    {
        using var buf = Fill(column);
        _core.WriteColumn(buf);
    }

    public async Task WriteColumnAsync(DataColumn column, CancellationToken cancellationToken = default)
    {
        using var buf = Fill(column);
        await _core.WriteColumnAsync(buf, cancellationToken).ConfigureAwait(false);
    }

    private ColumnBuffer Fill(DataColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (IsCompleted) throw new InvalidOperationException("The row group is already complete.");
        var fields = _core.Schema.DataFields;
        int index = column.Field.ColumnIndex;
        if (index < 0 || index >= fields.Count || !ReferenceEquals(fields[index], column.Field))
            throw new ArgumentException($"Field '{column.Field.Name}' is not a column of this writer's schema.");
        var buf = new ColumnBuffer(column.Field);
        try
        {
            DataColumnWriter.Fill(column, buf);
        }
        catch
        {
            buf.Dispose();
            throw;
        }
        return buf;
    }

    public void Dispose()
    {
        if (IsCompleted) return;
        IsCompleted = true;
        _core.EndRowGroup();
    }
}
