using ContentPipeline.Parquet.IO;
using ContentPipeline.Parquet.Schema;

namespace ContentPipeline.Parquet.Serialization;

/// <summary>
/// Push-style typed writer: <see cref="Write"/> rows one at a time; a row group is flushed whenever the buffered
/// data reaches <see cref="ParquetSerializerOptions.RowGroupSizeBytes"/> or <see cref="ParquetSerializerOptions.RowGroupSize"/>
/// rows. <see cref="Complete"/> (or Dispose) writes the last row group and the footer.
/// </summary>
public sealed class ParquetRecordWriter<T> : IDisposable, IAsyncDisposable
{
    private const int SizeCheckInterval = 32;

    private readonly FileWriterCore _core;
    private readonly PropertyBinding<T>[] _bindings;
    private readonly ColumnBuffer[] _buffers;
    private readonly ColumnBuffer.Mark[] _marks;
    private readonly int _maxRows;
    private readonly long _maxBytes;
    private int _rows;
    private bool _completed;

    internal ParquetRecordWriter(Stream stream, ParquetSerializerOptions? options)
    {
        options ??= new ParquetSerializerOptions();
        var map = RecordMap<T>.Instance;
        _bindings = [.. map.Bindings];
        // The schema is shared per type and only read, so concurrent writers are safe.
        Schema = map.Schema;
        _core = new FileWriterCore(Schema, stream, options.ToWriterOptions());
        _buffers = new ColumnBuffer[_bindings.Length];
        for (int i = 0; i < _bindings.Length; i++) _buffers[i] = new ColumnBuffer(_bindings[i].Leaf);
        _marks = new ColumnBuffer.Mark[_buffers.Length];
        _maxRows = Math.Max(1, options.RowGroupSize);
        _maxBytes = Math.Max(1024, options.RowGroupSizeBytes);
        _core.WriteMagic();
    }

    public ParquetSchema Schema { get; }

    /// <summary>Rows written so far (including buffered ones).</summary>
    public long RowCount { get; private set; }

    /// <summary>Row groups written so far.</summary>
    public int RowGroupCount { get; private set; }

    public void Write(T row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (_completed) throw new InvalidOperationException("The writer is already complete.");
        AppendRow(row);
        _rows++;
        RowCount++;
        if (_rows >= _maxRows || (_rows % SizeCheckInterval == 0 && BufferedBytes() >= _maxBytes)) FlushRowGroup();
    }

    public async ValueTask WriteAsync(T row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (_completed) throw new InvalidOperationException("The writer is already complete.");
        AppendRow(row);
        _rows++;
        RowCount++;
        if (_rows >= _maxRows || (_rows % SizeCheckInterval == 0 && BufferedBytes() >= _maxBytes))
            await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends every column of a row, or none: a failing property undoes the columns already appended.</summary>
    private void AppendRow(T row)
    {
        var bindings = _bindings;
        var buffers = _buffers;
        var marks = _marks;
        for (int i = 0; i < buffers.Length; i++) marks[i] = buffers[i].GetMark();
        int c = 0;
        try
        {
            for (; c < bindings.Length; c++) bindings[c].Append(row, buffers[c]);
        }
        catch
        {
            for (int i = 0; i <= c && i < buffers.Length; i++) buffers[i].Rollback(marks[i]);
            throw;
        }
    }

    private long BufferedBytes()
    {
        long total = 0;
        foreach (var b in _buffers) total += b.EstimatedSize;
        return total;
    }

    /// <summary>Writes the buffered rows as a row group now (no-op when nothing is buffered).</summary>
    public void FlushRowGroup()
    {
        if (_rows == 0) return;
        _core.BeginRowGroup();
        foreach (var b in _buffers)
        {
            _core.WriteColumn(b);
            b.Clear();
        }
        _core.EndRowGroup();
        _rows = 0;
        RowGroupCount++;
    }

    public async Task FlushRowGroupAsync(CancellationToken cancellationToken = default)
    {
        if (_rows == 0) return;
        _core.BeginRowGroup();
        foreach (var b in _buffers)
        {
            await _core.WriteColumnAsync(b, cancellationToken).ConfigureAwait(false);
            b.Clear();
        }
        _core.EndRowGroup();
        _rows = 0;
        RowGroupCount++;
    }

    /// <summary>Writes the last row group and the footer. Further writes throw.</summary>
    public void Complete()
    {
        if (_completed) return;
        FlushRowGroup();
        _core.WriteFooter();
        _completed = true;
        Release();
    }

    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_completed) return;
        await FlushRowGroupAsync(cancellationToken).ConfigureAwait(false);
        await _core.WriteFooterAsync(cancellationToken).ConfigureAwait(false);
        _completed = true;
        Release();
    }

    private void Release()
    {
        foreach (var b in _buffers) b.Dispose();
        _core.Dispose();
    }

    public void Dispose() => Complete();

    public async ValueTask DisposeAsync() => await CompleteAsync().ConfigureAwait(false);
}
