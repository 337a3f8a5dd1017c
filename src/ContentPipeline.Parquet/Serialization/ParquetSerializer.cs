using ContentPipeline.Parquet.IO;
using ContentPipeline.Parquet.Schema;

namespace ContentPipeline.Parquet.Serialization;

/// <summary>
/// Maps classes to Parquet and back, streaming both ways: writing buffers one row group at a time, reading
/// materialises one row group at a time.
/// </summary>
public static class ParquetSerializer
{
    /// <summary>The schema the serializer uses for <typeparamref name="T"/>.</summary>
    public static ParquetSchema GetSchema<T>() => RecordMap<T>.Instance.Schema;

    public static ParquetRecordWriter<T> CreateWriter<T>(Stream destination, ParquetSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return new ParquetRecordWriter<T>(destination, options);
    }

    /// <summary>Writes all rows (consumed lazily) and the footer.</summary>
    public static void Serialize<T>(IEnumerable<T> rows, Stream destination, ParquetSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var writer = CreateWriter<T>(destination, options);
        foreach (var row in rows) writer.Write(row);
        writer.Complete();
    }

    public static async Task SerializeAsync<T>(IEnumerable<T> rows, Stream destination, ParquetSerializerOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var writer = CreateWriter<T>(destination, options);
        await using (writer.ConfigureAwait(false))
        {
            foreach (var row in rows) await writer.WriteAsync(row, cancellationToken).ConfigureAwait(false);
            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task SerializeAsync<T>(IAsyncEnumerable<T> rows, Stream destination, ParquetSerializerOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var writer = CreateWriter<T>(destination, options);
        await using (writer.ConfigureAwait(false))
        {
            await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
                await writer.WriteAsync(row, cancellationToken).ConfigureAwait(false);
            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Lazily reads rows, one row group in memory at a time. Columns are matched to properties by name; properties
    /// without a column keep their default. The stream must stay open while enumerating.
    /// </summary>
    public static IEnumerable<T> Deserialize<T>(Stream source) where T : new()
    {
        ArgumentNullException.ThrowIfNull(source);
        var map = RecordMap<T>.Instance; // fail fast on unsupported types
        return DeserializeIterator<T>(source, map);
    }

    private static IEnumerable<T> DeserializeIterator<T>(Stream source, RecordMap<T> map) where T : new()
    {
        using var reader = ParquetReader.Open(source);
        var matches = Match(map, reader);
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            var rows = ReadRowGroup(reader, g, matches);
            foreach (var row in rows) yield return row;
        }
    }

    public static async Task<IList<T>> DeserializeAsync<T>(Stream source, CancellationToken cancellationToken = default) where T : new()
    {
        ArgumentNullException.ThrowIfNull(source);
        var map = RecordMap<T>.Instance;
        using var reader = await ParquetReader.CreateAsync(source, true, cancellationToken).ConfigureAwait(false);
        var matches = Match(map, reader);
        var result = new List<T>((int)Math.Min(reader.RowCount, 1 << 20));
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result.AddRange(ReadRowGroup(reader, g, matches));
        }
        return result;
    }

    private static List<(PropertyBinding<T> Binding, DataField Column)> Match<T>(RecordMap<T> map, ParquetReader reader)
    {
        var byPath = new Dictionary<string, DataField>(StringComparer.Ordinal);
        foreach (var f in reader.Schema.DataFields) byPath[f.Path] = f;
        var matches = new List<(PropertyBinding<T>, DataField)>();
        foreach (var b in map.Bindings)
        {
            DataField? column = null;
            if (b.Field is ListField)
            {
                var top = reader.Schema.Fields.FirstOrDefault(f => f.Name == b.Field.Name);
                if (top is ListField lf) column = lf.Item;
            }
            else byPath.TryGetValue(b.Field.Name, out column);
            if (column != null) matches.Add((b, column));
        }
        return matches;
    }

    private static T[] ReadRowGroup<T>(ParquetReader reader, int g, List<(PropertyBinding<T> Binding, DataField Column)> matches) where T : new()
    {
        long n = reader.Metadata.RowGroups[g].NumRows;
        // Bound the allocation by the data actually present: every row costs at least a bit in some column.
        // Reading a column validates the row count against the data; with no column read, bound it outright.
        if (n > int.MaxValue / 2 || (matches.Count == 0 && n > 1 << 24))
            throw new ParquetFormatException($"Corrupt footer: row group {g} claims {n} rows.");
        var datas = new ColumnData[matches.Count];
        for (int i = 0; i < matches.Count; i++) datas[i] = reader.ReadColumnData(g, matches[i].Column);
        var rows = new T[n];
        for (int i = 0; i < rows.Length; i++) rows[i] = new T();
        for (int i = 0; i < matches.Count; i++) matches[i].Binding.Assign(rows, rows.Length, datas[i]);
        return rows;
    }
}
