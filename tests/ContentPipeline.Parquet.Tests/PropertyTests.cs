using System.Text;
using ContentPipeline.Parquet.Schema;
using FsCheck;
using FsCheck.Fluent;

namespace ContentPipeline.Parquet.Tests;

/// <summary>
/// FsCheck round trips: generated schemas (a subset of column kinds with random nullability) and generated values
/// (empty strings, nulls, non-BMP characters, 100 KB strings, extreme ints and doubles, empty and null lists),
/// written with every codec and read back identically.
/// </summary>
public class PropertyTests
{
    /// <summary>A generated column: its field and one cell per row (lists as List&lt;object?&gt;).</summary>
    public sealed record ColumnSpec(string Kind, bool Nullable, bool ElementNullable, object?[] Cells)
    {
        public override string ToString() => $"{Kind}{(Nullable ? "?" : "")}{(ElementNullable ? "[?]" : "")} x{Cells.Length}";
    }

    public sealed record TableSpec(ColumnSpec[] Columns, int Rows, bool Dictionary, int PageSize)
    {
        public override string ToString() => $"{Rows} rows, dict={Dictionary}, page={PageSize}: " + string.Join(", ", Columns.Select(c => c.ToString()));
    }

    private static readonly string[] Kinds = ["bool", "int", "long", "float", "double", "string", "binary", "date", "timestamp", "list<string>", "list<int>"];

    private static Gen<string> StringGen()
    {
        var ascii = Gen.Choose(0, 20).SelectMany(n => Gen.ArrayOf(Gen.Choose(32, 126).Select(c => (char)c), n)).Select(a => new string(a));
        var pieces = Gen.Elements("", "a", "中文", "😀", "𠀀", "𪚥", "é", "\u0000", "\t\n", "ﬀ", "label", "Ω≈ç√");
        var mixed = Gen.Choose(0, 8).SelectMany(n => Gen.ArrayOf(pieces, n)).Select(a => string.Concat(a));
        var large = Gen.Elements('x', '中', 'é').Select(c => new string(c, 100 * 1024 / Encoding.UTF8.GetByteCount(c.ToString())));
        return Gen.Frequency((1, Gen.Constant("")), (4, ascii), (4, mixed), (1, large.Select(s => s + "😀")));
    }

    private static Gen<object?> ValueGen(string kind) => kind switch
    {
        "bool" => Gen.Elements<object?>(true, false),
        "int" => Gen.Frequency((3, Gen.Choose(-1000, 1000).Select(i => (object?)i)), (1, Gen.Elements<object?>(int.MinValue, int.MaxValue, 0, -1))),
        "long" => Gen.Frequency((3, Gen.Choose(int.MinValue, int.MaxValue).Select(i => (object?)((long)i * 7919L))), (1, Gen.Elements<object?>(long.MinValue, long.MaxValue, 0L))),
        "float" => Gen.Frequency((3, Gen.Choose(-100000, 100000).Select(i => (object?)(i / 7f))),
            (1, Gen.Elements<object?>(float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0.0f, 0.0f, float.MaxValue, float.Epsilon))),
        "double" => Gen.Frequency((3, Gen.Choose(-100000, 100000).Select(i => (object?)(i / 13.0))),
            (1, Gen.Elements<object?>(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, double.MaxValue, double.MinValue, double.Epsilon))),
        "string" or "list<string>" => StringGen().Select(s => (object?)s),
        "binary" => Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n)).Select(a => (object?)a),
        "date" => Gen.Frequency((3, Gen.Choose(-30000, 30000).Select(d => (object?)new DateOnly(1970, 1, 1).AddDays(d))), (1, Gen.Elements<object?>(DateOnly.MinValue, DateOnly.MaxValue))),
        "timestamp" => Gen.Choose(-1_000_000, 1_000_000).Select(s => (object?)DateTime.UnixEpoch.AddSeconds(s * 3037.0).AddTicks(s % 10 * 10)),
        "list<int>" => Gen.Frequency((3, Gen.Choose(-5, 5).Select(i => (object?)i)), (1, Gen.Elements<object?>(int.MinValue, int.MaxValue))),
        _ => throw new ArgumentException(kind),
    };

    private static Gen<ColumnSpec> ColumnGen(int rows) =>
        from kind in Gen.Elements(Kinds)
        from nullable in Gen.Elements(true, false)
        from elementNullable in Gen.Elements(kind == "list<string>", false)
        from cells in Gen.ArrayOf(CellGen(kind, nullable, elementNullable), rows)
        select new ColumnSpec(kind, nullable, elementNullable, cells);

    private static Gen<object?> CellGen(string kind, bool nullable, bool elementNullable)
    {
        Gen<object?> value = kind.StartsWith("list", StringComparison.Ordinal)
            ? Gen.Choose(0, 5).SelectMany(n => Gen.ListOf(elementNullable ? Gen.Frequency((4, ValueGen(kind)), (1, Gen.Constant<object?>(null))) : ValueGen(kind), n))
                .Select(l => (object?)l.ToList())
            : ValueGen(kind);
        return nullable ? Gen.Frequency((4, value), (1, Gen.Constant<object?>(null))) : value;
    }

    private static readonly Gen<TableSpec> TableGen =
        from rows in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 40)), (1, Gen.Choose(200, 600)))
        from count in Gen.Choose(1, 5)
        from columns in Gen.ArrayOf(ColumnGen(rows), count)
        from dict in Gen.Elements(true, false)
        from page in Gen.Elements(1024, 1 << 20)
        select new TableSpec(columns, rows, dict, page);

    private static Field MakeField(ColumnSpec c, int i)
    {
        string name = "c" + i;
        Type clr = c.Kind switch
        {
            "bool" => typeof(bool), "int" or "list<int>" => typeof(int), "long" => typeof(long), "float" => typeof(float),
            "double" => typeof(double), "string" or "list<string>" => typeof(string), "binary" => typeof(byte[]),
            "date" => typeof(DateOnly), _ => typeof(DateTime),
        };
        if (c.Kind.StartsWith("list", StringComparison.Ordinal))
            return new ListField(name, new DataField("element", clr, c.ElementNullable), c.Nullable);
        return new DataField(name, clr, c.Nullable);
    }

    private static DataColumn MakeColumn(DataField leaf, ColumnSpec c)
    {
        if (!c.Kind.StartsWith("list", StringComparison.Ordinal))
        {
            var arr = Array.CreateInstance(leaf.IsNullable && leaf.ClrType.IsValueType ? typeof(Nullable<>).MakeGenericType(leaf.ClrType) : leaf.ClrType, c.Cells.Length);
            for (int i = 0; i < c.Cells.Length; i++) arr.SetValue(c.Cells[i], i);
            return new DataColumn(leaf, arr);
        }
        int listBase = c.Nullable ? 1 : 0;
        var data = new List<object?>();
        var def = new List<int>();
        var rep = new List<int>();
        foreach (var cell in c.Cells)
        {
            var list = (List<object?>?)cell;
            if (list == null || list.Count == 0)
            {
                data.Add(null);
                def.Add(list == null ? 0 : listBase);
                rep.Add(0);
                continue;
            }
            for (int k = 0; k < list.Count; k++)
            {
                data.Add(list[k]);
                def.Add(list[k] == null ? leaf.MaxDefinitionLevel - 1 : leaf.MaxDefinitionLevel);
                rep.Add(k == 0 ? 0 : 1);
            }
        }
        var nullableType = leaf.ClrType.IsValueType ? typeof(Nullable<>).MakeGenericType(leaf.ClrType) : leaf.ClrType;
        var arr2 = Array.CreateInstance(nullableType, data.Count);
        for (int i = 0; i < data.Count; i++) arr2.SetValue(data[i], i);
        return new DataColumn(leaf, arr2, [.. def], [.. rep]);
    }

    private static bool SameValue(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y) || (double.IsNaN(x) && double.IsNaN(y)),
        (float x, float y) => BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y) || (float.IsNaN(x) && float.IsNaN(y)),
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (DateTime x, DateTime y) => x == y && y.Kind == DateTimeKind.Utc,
        _ => Equals(a, b),
    };

    private static void RoundTrip(TableSpec spec, CompressionMethod codec)
    {
        var fields = spec.Columns.Select(MakeField).ToArray();
        var schema = new ParquetSchema(fields);
        var leaves = schema.GetDataFields();
        var ms = new MemoryStream();
        var options = new ParquetWriterOptions { CompressionMethod = codec, UseDictionaryEncoding = spec.Dictionary, DataPageSize = spec.PageSize };
        var expected = leaves.Select((leaf, i) => MakeColumn(leaf, spec.Columns[i])).ToArray();
        using (var writer = ParquetWriter.Create(schema, ms, options))
        using (var rg = writer.CreateRowGroup())
            foreach (var col in expected) rg.WriteColumn(col);
        ms.Position = 0;
        using var reader = ParquetReader.Open(ms);
        Assert.Equal(spec.Rows, reader.RowCount);
        var readLeaves = reader.Schema.GetDataFields();
        Assert.Equal(leaves.Length, readLeaves.Length);
        var rgr = reader.OpenRowGroupReader(0);
        for (int c = 0; c < leaves.Length; c++)
        {
            var actual = rgr.ReadColumn(readLeaves[c]);
            Assert.Equal(leaves[c].Path, readLeaves[c].Path);
            Assert.Equal(expected[c].Count, actual.Count);
            for (int i = 0; i < expected[c].Count; i++)
            {
                var e = expected[c].Data.GetValue(i);
                var a = actual.Data.GetValue(i);
                if (!SameValue(e, a))
                    Assert.Fail($"{codec} column {c} ({spec.Columns[c]}) entry {i}: expected {Show(e)}, got {Show(a)}");
            }
            if (expected[c].DefinitionLevels != null) Assert.Equal(expected[c].DefinitionLevels, actual.DefinitionLevels);
            if (expected[c].RepetitionLevels != null) Assert.Equal(expected[c].RepetitionLevels, actual.RepetitionLevels);
        }
    }

    private static string Show(object? v) => v switch
    {
        null => "null",
        string s => s.Length > 40 ? $"string({s.Length})" : $"\"{s}\"",
        double d => d.ToString("R") + (BitConverter.DoubleToInt64Bits(d) < 0 ? " (neg)" : ""),
        _ => v.ToString() ?? "",
    };

    [Fact]
    public void GeneratedTablesRoundTripWithEveryCodec()
    {
        var config = Config.QuickThrowOnFailure.WithMaxTest(40).WithStartSize(1);
        Check.One(config, Prop.ForAll(TableGen.ToArbitrary(), (TableSpec spec) =>
        {
            foreach (var codec in new[] { CompressionMethod.None, CompressionMethod.Snappy, CompressionMethod.Gzip, CompressionMethod.Brotli })
                RoundTrip(spec, codec);
        }));
    }

    [Fact]
    public void GeneratedObjectsRoundTripThroughTheSerializer()
    {
        var rowGen = Gen.Choose(0, 100000).Select(TestData.MakeAllTypes);
        var strings = StringGen();
        var gen =
            from rows in Gen.ListOf(rowGen)
            from texts in Gen.ArrayOf(strings, 3)
            from codec in Gen.Elements(CompressionMethod.None, CompressionMethod.Snappy, CompressionMethod.Gzip, CompressionMethod.Brotli)
            select (rows: rows.Select((r, i) => { r.Name = texts[i % 3]; r.Note = i % 2 == 0 ? null : texts[(i + 1) % 3]; return r; }).ToList(), codec);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var ms = new MemoryStream();
            Serialization.ParquetSerializer.Serialize(input.rows, ms, new Serialization.ParquetSerializerOptions { CompressionMethod = input.codec, RowGroupSize = 7 });
            ms.Position = 0;
            var back = Serialization.ParquetSerializer.Deserialize<AllTypesRow>(ms).ToList();
            Assert.Equal(input.rows.Count, back.Count);
            for (int i = 0; i < back.Count; i++) SerializerRoundTripTests.AssertEqual(input.rows[i], back[i]);
        }));
    }
}
