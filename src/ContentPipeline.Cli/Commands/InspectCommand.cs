using System.Buffers.Binary;
using System.CommandLine;
using System.Globalization;
using System.Text;
using ContentPipeline.Parquet;
using ContentPipeline.Parquet.Format;
using ContentPipeline.Parquet.Schema;

namespace ContentPipeline.Cli.Commands;

/// <summary><c>contentpipeline inspect FILE.parquet</c>: schema, row groups, column chunks and the first rows, like parquet-tools.</summary>
internal static class InspectCommand
{
    public static Command Create(TextWriter stdout)
    {
        var file = new Argument<string>("file") { Description = "A Parquet file." };
        var rows = new Option<int>("--rows", "-n") { Description = "How many rows to show.", DefaultValueFactory = _ => 5 };
        var command = new Command("inspect", "Show a Parquet file's schema, row groups (codec, sizes, statistics) and first rows.") { file, rows };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
                throw new ContentPipelineException($"'{path}' not found.", ExitCodes.BadConfigOrUsage);
            using var stream = File.OpenRead(path);
            using var reader = ParquetReader.Open(stream);
            Print(stdout, path, reader, Math.Max(0, parse.GetValue(rows)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(TextWriter w, string path, ParquetReader reader, int rowCount)
    {
        var meta = reader.Metadata;
        w.WriteLine($"file:       {path} ({reader.FileLength:N0} bytes)");
        w.WriteLine($"created_by: {meta.CreatedBy}");
        w.WriteLine($"rows:       {meta.NumRows:N0} in {meta.RowGroups.Count} row group(s)");
        foreach (var (k, v) in reader.CustomMetadata) w.WriteLine($"metadata:   {k} = {v}");

        w.WriteLine();
        w.WriteLine("schema:");
        var depth = new Stack<int>();
        foreach (var e in meta.Schema)
        {
            var indent = new string(' ', 2 * (depth.Count + 1));
            var kind = e.Type is { } t ? t.ToString() : "group";
            var annotations = string.Join(" ", new[] { e.LogicalType?.ToString(), e.ConvertedType?.ToString() }.Where(a => a is not null));
            w.WriteLine($"{indent}{e.Name}: {e.RepetitionType?.ToString().ToLowerInvariant()} {kind} {annotations}".TrimEnd());
            if (depth.Count > 0) depth.Push(depth.Pop() - 1);
            if (e.NumChildren is > 0) depth.Push(e.NumChildren.Value);
            while (depth.Count > 0 && depth.Peek() == 0) depth.Pop();
        }

        for (var g = 0; g < meta.RowGroups.Count; g++)
        {
            var rg = meta.RowGroups[g];
            w.WriteLine();
            w.WriteLine($"row group {g}: {rg.NumRows:N0} rows, {rg.TotalByteSize:N0} bytes uncompressed");
            foreach (var chunk in rg.Columns)
            {
                var c = chunk.MetaData;
                if (c is null) continue;
                var stats = c.Statistics;
                var min = Show(stats?.MinValue ?? stats?.Min, c.Type);
                var max = Show(stats?.MaxValue ?? stats?.Max, c.Type);
                w.WriteLine($"  {string.Join('.', c.PathInSchema),-28} {c.Type,-10} {c.Codec,-12} {string.Join(",", c.Encodings),-36} " +
                            $"{c.TotalCompressedSize,10:N0} / {c.TotalUncompressedSize,10:N0} B  nulls={stats?.NullCount?.ToString() ?? "-"}  min={min}  max={max}");
            }
        }

        if (rowCount == 0 || meta.RowGroups.Count == 0) return;
        w.WriteLine();
        w.WriteLine($"first {Math.Min(rowCount, meta.RowGroups[0].NumRows)} rows (row group 0):");
        using var group = reader.OpenRowGroupReader(0);
        var columns = reader.Schema.GetDataFields().Select(f => (Field: f, Cells: Cells(group.ReadColumn(f), rowCount))).ToList();
        for (var r = 0; r < rowCount && r < group.RowCount; r++)
        {
            w.WriteLine($"  [{r}]");
            foreach (var (field, cells) in columns)
                w.WriteLine($"    {field.Path}: {(r < cells.Count ? cells[r] : "")}");
        }
    }

    /// <summary>Renders the first rows of a column; list columns are regrouped by their repetition levels.</summary>
    private static List<string> Cells(DataColumn column, int rows)
    {
        var cells = new List<string>();
        if (column.RepetitionLevels is null)
        {
            for (var i = 0; i < column.Count && i < rows; i++) cells.Add(Value(column.Data.GetValue(i)));
            return cells;
        }
        var items = new List<string>();
        var anyEntry = false;
        for (var i = 0; i < column.Count; i++)
        {
            if (column.RepetitionLevels[i] == 0 && anyEntry)
            {
                cells.Add("[" + string.Join(", ", items) + "]");
                items.Clear();
                if (cells.Count == rows) return cells;
            }
            anyEntry = true;
            var v = column.Data.GetValue(i);
            if (v is not null) items.Add(Value(v));
        }
        if (anyEntry && cells.Count < rows) cells.Add("[" + string.Join(", ", items) + "]");
        return cells;
    }

    private static string Value(object? v)
    {
        var s = v switch
        {
            null => "null",
            string text => "\"" + text.Replace("\n", "\\n") + "\"",
            byte[] bytes => "0x" + Convert.ToHexStringLower(bytes),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString() ?? "",
        };
        return s.Length > 120 ? s[..117] + "...\"" : s;
    }

    /// <summary>Statistics are plain-encoded bytes; show them as the column's type.</summary>
    private static string Show(byte[]? bytes, PhysicalType type)
    {
        if (bytes is null) return "-";
        return type switch
        {
            PhysicalType.Int32 when bytes.Length == 4 => BinaryPrimitives.ReadInt32LittleEndian(bytes).ToString(CultureInfo.InvariantCulture),
            PhysicalType.Int64 when bytes.Length == 8 => BinaryPrimitives.ReadInt64LittleEndian(bytes).ToString(CultureInfo.InvariantCulture),
            PhysicalType.Double when bytes.Length == 8 => BinaryPrimitives.ReadDoubleLittleEndian(bytes).ToString("R", CultureInfo.InvariantCulture),
            PhysicalType.Float when bytes.Length == 4 => BinaryPrimitives.ReadSingleLittleEndian(bytes).ToString("R", CultureInfo.InvariantCulture),
            PhysicalType.Boolean when bytes.Length == 1 => (bytes[0] != 0).ToString(),
            PhysicalType.ByteArray => Value(Encoding.UTF8.GetString(bytes)),
            _ => "0x" + Convert.ToHexStringLower(bytes),
        };
    }
}
