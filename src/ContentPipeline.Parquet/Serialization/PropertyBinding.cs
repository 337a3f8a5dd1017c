using System.Runtime.InteropServices;
using ContentPipeline.Parquet.IO;
using ContentPipeline.Parquet.Schema;

namespace ContentPipeline.Parquet.Serialization;

/// <summary>
/// Moves one property between objects and a column: compiled getter/setter delegates and typed value adders,
/// so no reflection, boxing or per-value allocation happens per row (beyond the objects themselves).
/// </summary>
internal abstract class PropertyBinding<T>
{
    protected PropertyBinding(string propertyName, Field field, DataField leaf)
    {
        PropertyName = propertyName;
        Field = field;
        Leaf = leaf;
    }

    public string PropertyName { get; }
    public Field Field { get; }
    public DataField Leaf { get; }

    public abstract void Append(T row, ColumnBuffer buf);

    /// <summary>Sets the property of rows[0..count) from a decoded column (whose schema may differ in nullability).</summary>
    public abstract void Assign(T[] rows, int count, ColumnData data);

    protected ParquetFormatException Mismatch(ColumnData data, string detail) =>
        new($"{data.Context}: cannot read into property '{PropertyName}': {detail}");

    protected InvalidOperationException NullInRequired(string what) =>
        new($"Property '{what}' (column '{Field.Name}') is not nullable but a row has null; declare it nullable (e.g. string?) or set a value.");
}

/// <summary>Adders and converters per CLR value type.</summary>
internal static class ValueCodecs<V>
{
    public static readonly Action<ColumnBuffer, V> Add = CreateAdd();

    /// <summary>Converts a column's compact values (<see cref="ColumnData.ConvertedValues"/>) to V[].</summary>
    public static readonly Func<Array, V[]?> FromColumn = CreateFrom();

    private static Action<ColumnBuffer, V> CreateAdd()
    {
        object a = typeof(V) switch
        {
            var t when t == typeof(bool) => (Action<ColumnBuffer, bool>)((b, v) => b.AddBoolean(v)),
            var t when t == typeof(int) => (Action<ColumnBuffer, int>)((b, v) => b.AddInt32(v)),
            var t when t == typeof(long) => (Action<ColumnBuffer, long>)((b, v) => b.AddInt64(v)),
            var t when t == typeof(float) => (Action<ColumnBuffer, float>)((b, v) => b.AddFloat(v)),
            var t when t == typeof(double) => (Action<ColumnBuffer, double>)((b, v) => b.AddDouble(v)),
            var t when t == typeof(DateOnly) => (Action<ColumnBuffer, DateOnly>)((b, v) => b.AddDate(v)),
            var t when t == typeof(DateTime) => (Action<ColumnBuffer, DateTime>)((b, v) => b.AddTimestamp(v)),
            var t when t == typeof(DateTimeOffset) => (Action<ColumnBuffer, DateTimeOffset>)((b, v) => b.AddTimestamp(v)),
            var t when t == typeof(string) => (Action<ColumnBuffer, string>)((b, v) => b.AddString(v)),
            var t when t == typeof(byte[]) => (Action<ColumnBuffer, byte[]>)((b, v) => b.AddBytes(v)),
            _ => throw new NotSupportedException($"Type {typeof(V)} is not supported."),
        };
        return (Action<ColumnBuffer, V>)a;
    }

    private static Func<Array, V[]?> CreateFrom()
    {
        if (typeof(V) == typeof(DateTimeOffset))
        {
            Func<Array, DateTimeOffset[]?> f = a =>
            {
                if (a is not DateTime[] d) return null;
                var r = new DateTimeOffset[d.Length];
                for (int i = 0; i < d.Length; i++) r[i] = new DateTimeOffset(d[i], TimeSpan.Zero);
                return r;
            };
            return (Func<Array, V[]?>)(object)f;
        }
        return a => a as V[];
    }
}

/// <summary>A property of a non-nullable or Nullable&lt;V&gt; value type.</summary>
internal sealed class ValueBinding<T, V> : PropertyBinding<T> where V : struct
{
    private readonly Func<T, V>? _get;
    private readonly Func<T, V?>? _getNullable;
    private readonly Action<T, V>? _set;
    private readonly Action<T, V?>? _setNullable;
    private readonly Action<ColumnBuffer, V> _add = ValueCodecs<V>.Add;

    public ValueBinding(string propertyName, DataField field, Delegate getter, Delegate setter, bool nullable)
        : base(propertyName, field, field)
    {
        if (nullable)
        {
            _getNullable = (Func<T, V?>)getter;
            _setNullable = (Action<T, V?>)setter;
        }
        else
        {
            _get = (Func<T, V>)getter;
            _set = (Action<T, V>)setter;
        }
    }

    public override void Append(T row, ColumnBuffer buf)
    {
        if (_get != null)
        {
            buf.AddRequiredRow();
            _add(buf, _get(row));
            return;
        }
        V? v = _getNullable!(row);
        if (v.HasValue)
        {
            buf.AddLevels(1, 0);
            _add(buf, v.GetValueOrDefault());
        }
        else
        {
            buf.AddLevels(0, 0);
        }
    }

    public override void Assign(T[] rows, int count, ColumnData data)
    {
        if (data.Field.MaxRepetitionLevel > 0) throw Mismatch(data, "the column is repeated");
        var values = ValueCodecs<V>.FromColumn(data.ConvertedValues())
            ?? throw Mismatch(data, $"the column holds {data.Field.ClrType.Name}, the property is {typeof(V).Name}");
        var def = data.DefinitionLevels;
        int maxDef = data.Field.MaxDefinitionLevel;
        int v = 0;
        for (int i = 0; i < count; i++)
        {
            bool present = def == null || def[i] == maxDef;
            if (_set != null)
            {
                _set(rows[i], present ? values[v++] : default);
            }
            else
            {
                _setNullable!(rows[i], present ? values[v++] : null);
            }
        }
    }
}

/// <summary>A string or byte[] property.</summary>
internal sealed class ReferenceBinding<T, V> : PropertyBinding<T> where V : class
{
    private readonly Func<T, V?> _get;
    private readonly Action<T, V?> _set;
    private readonly bool _nullable;
    private readonly Action<ColumnBuffer, V> _add = ValueCodecs<V>.Add;

    public ReferenceBinding(string propertyName, DataField field, Delegate getter, Delegate setter)
        : base(propertyName, field, field)
    {
        _get = (Func<T, V?>)getter;
        _set = (Action<T, V?>)setter;
        _nullable = field.IsNullable;
    }

    public override void Append(T row, ColumnBuffer buf)
    {
        V? v = _get(row);
        if (_nullable)
        {
            if (v is null)
            {
                buf.AddLevels(0, 0);
                return;
            }
            buf.AddLevels(1, 0);
        }
        else
        {
            if (v is null) throw NullInRequired(PropertyName);
            buf.AddRequiredRow();
        }
        _add(buf, v);
    }

    public override void Assign(T[] rows, int count, ColumnData data)
    {
        if (data.Field.MaxRepetitionLevel > 0) throw Mismatch(data, "the column is repeated");
        var values = ValueCodecs<V>.FromColumn(data.ConvertedValues())
            ?? throw Mismatch(data, $"the column holds {data.Field.ClrType.Name}, the property is {typeof(V).Name}");
        var def = data.DefinitionLevels;
        int maxDef = data.Field.MaxDefinitionLevel;
        int v = 0;
        for (int i = 0; i < count; i++)
            _set(rows[i], def == null || def[i] == maxDef ? values[v++] : null);
    }
}

/// <summary>A List&lt;E&gt;, E[] or IReadOnlyList&lt;E&gt; property, E string or int: a three-level LIST column.</summary>
internal sealed class ListBinding<T, E> : PropertyBinding<T>
{
    private readonly Func<T, IEnumerable<E>?> _get;
    private readonly Action<T, List<E>?>? _setList;
    private readonly Action<T, E[]?>? _setArray;
    private readonly Action<ColumnBuffer, E> _add = ValueCodecs<E>.Add;
    private readonly bool _listNullable;
    private readonly bool _elementNullable;
    private readonly int _listBase;
    private readonly int _maxDef;

    public ListBinding(string propertyName, ListField field, Delegate getter, Delegate setter, bool isArray)
        : base(propertyName, field, field.Item)
    {
        _get = (Func<T, IEnumerable<E>?>)getter;
        if (isArray) _setArray = (Action<T, E[]?>)setter;
        else _setList = (Action<T, List<E>?>)setter;
        _listNullable = field.IsNullable;
        _elementNullable = field.Item.IsNullable;
        _listBase = _listNullable ? 1 : 0;
        _maxDef = _listBase + 1 + (_elementNullable ? 1 : 0);
    }

    public override void Append(T row, ColumnBuffer buf)
    {
        var items = _get(row);
        if (items == null)
        {
            // A null list in a non-nullable property is written as an empty list.
            buf.AddLevels(_listNullable ? 0 : _listBase, 0);
            return;
        }
        int n = 0;
        switch (items)
        {
            case List<E> list:
                foreach (var e in CollectionsMarshal.AsSpan(list)) AddElement(buf, e, n++ == 0 ? 0 : 1);
                break;
            case E[] array:
                foreach (var e in array) AddElement(buf, e, n++ == 0 ? 0 : 1);
                break;
            case IReadOnlyList<E> ro:
                for (int i = 0; i < ro.Count; i++) AddElement(buf, ro[i], n++ == 0 ? 0 : 1);
                break;
            default:
                foreach (var e in items) AddElement(buf, e, n++ == 0 ? 0 : 1);
                break;
        }
        if (n == 0) buf.AddLevels(_listBase, 0);
    }

    private void AddElement(ColumnBuffer buf, E e, int rep)
    {
        if (e is null)
        {
            if (!_elementNullable) throw NullInRequired(PropertyName + "[]");
            buf.AddLevels(_maxDef - 1, rep);
            return;
        }
        buf.AddLevels(_maxDef, rep);
        _add(buf, e);
    }

    public override void Assign(T[] rows, int count, ColumnData data)
    {
        var field = data.Field;
        if (field.MaxRepetitionLevel != 1) throw Mismatch(data, "the column is not a simple list");
        var values = ValueCodecs<E>.FromColumn(data.ConvertedValues())
            ?? throw Mismatch(data, $"the column holds {field.ClrType.Name}, the property holds {typeof(E).Name}");
        int maxDef = field.MaxDefinitionLevel;
        int listBase = maxDef - (field.IsNullable ? 2 : 1);
        var def = data.DefinitionLevels!;
        var rep = data.RepetitionLevels!;
        int levels = data.LevelCount;
        int li = 0, vi = 0;
        var current = new List<E>();
        for (int r = 0; r < count; r++)
        {
            if (li >= levels) throw Mismatch(data, "fewer list entries than rows");
            int d = def[li];
            if (d < listBase)
            {
                li++;
                SetList(rows[r], null);
                continue;
            }
            if (d == listBase)
            {
                li++;
                SetList(rows[r], _setArray != null ? null : new List<E>(0), empty: true);
                continue;
            }
            current.Clear();
            do
            {
                d = def[li];
                if (d == maxDef) current.Add(values[vi++]);
                else if (d >= listBase + 1) current.Add(default!);
                li++;
            } while (li < levels && rep[li] != 0);
            SetList(rows[r], current, copy: true);
        }
    }

    private void SetList(T row, List<E>? list, bool copy = false, bool empty = false)
    {
        if (_setArray != null)
        {
            _setArray(row, list == null ? (empty ? [] : null) : list.ToArray());
            return;
        }
        _setList!(row, copy && list != null ? new List<E>(list) : list);
    }
}
