using System.Reflection;
using System.Text.Json.Serialization;
using ContentPipeline.Parquet.Schema;

namespace ContentPipeline.Parquet.Serialization;

/// <summary>
/// The schema of a class and the bindings of its properties, built once per type: public instance properties with
/// a public getter and setter, named by <see cref="JsonPropertyNameAttribute"/> when present, skipped with
/// <see cref="ParquetIgnoreAttribute"/>; nullability from the C# annotations.
/// </summary>
internal sealed class RecordMap<T>
{
    private static RecordMap<T>? s_instance;

    private RecordMap(List<PropertyBinding<T>> bindings)
    {
        Bindings = bindings;
        Schema = new ParquetSchema(bindings.Select(b => b.Field).ToArray());
    }

    public static RecordMap<T> Instance => s_instance ??= Build();

    public IReadOnlyList<PropertyBinding<T>> Bindings { get; }
    public ParquetSchema Schema { get; }

    private static readonly Type[] ListGenerics =
        [typeof(List<>), typeof(IReadOnlyList<>), typeof(IList<>), typeof(IEnumerable<>), typeof(ICollection<>), typeof(IReadOnlyCollection<>)];

    private static RecordMap<T> Build()
    {
        var type = typeof(T);
        if (type.IsValueType) throw new NotSupportedException($"{type.Name}: the Parquet serializer maps classes, not structs.");
        var context = new NullabilityInfoContext();
        var bindings = new List<PropertyBinding<T>>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0) continue;
            if (p.GetMethod is not { IsPublic: true } || p.SetMethod is not { IsPublic: true }) continue;
            if (p.IsDefined(typeof(ParquetIgnoreAttribute), true)) continue;
            string name = p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name;
            if (!names.Add(name)) throw new NotSupportedException($"{type.Name}: two properties map to the column name '{name}'.");
            bindings.Add(Bind(p, name, context.Create(p)));
        }
        if (bindings.Count == 0) throw new NotSupportedException($"{type.Name} has no public get/set properties to serialize.");
        return new RecordMap<T>(bindings);
    }

    private static PropertyBinding<T> Bind(PropertyInfo p, string name, NullabilityInfo info)
    {
        var pt = p.PropertyType;
        var get = p.GetMethod!;
        var set = p.SetMethod!;
        var underlying = Nullable.GetUnderlyingType(pt);
        if (underlying != null && ValueKinds.TryFromClr(underlying, out _))
        {
            var field = new DataField(name, underlying, true);
            return Create(typeof(ValueBinding<,>).MakeGenericType(typeof(T), underlying), p.Name, field,
                Delegate.CreateDelegate(typeof(Func<,>).MakeGenericType(typeof(T), pt), get),
                Delegate.CreateDelegate(typeof(Action<,>).MakeGenericType(typeof(T), pt), set), true);
        }
        if (pt.IsValueType && ValueKinds.TryFromClr(pt, out _))
        {
            var field = new DataField(name, pt, false);
            return Create(typeof(ValueBinding<,>).MakeGenericType(typeof(T), pt), p.Name, field,
                Delegate.CreateDelegate(typeof(Func<,>).MakeGenericType(typeof(T), pt), get),
                Delegate.CreateDelegate(typeof(Action<,>).MakeGenericType(typeof(T), pt), set), false);
        }
        if (pt == typeof(string) || pt == typeof(byte[]))
        {
            var field = new DataField(name, pt, info.ReadState != NullabilityState.NotNull);
            return Create(typeof(ReferenceBinding<,>).MakeGenericType(typeof(T), pt), p.Name, field,
                Delegate.CreateDelegate(typeof(Func<,>).MakeGenericType(typeof(T), pt), get),
                Delegate.CreateDelegate(typeof(Action<,>).MakeGenericType(typeof(T), pt), set));
        }
        Type? element = null;
        NullabilityInfo? elementInfo = null;
        bool isArray = false;
        if (pt.IsArray && pt.GetArrayRank() == 1)
        {
            element = pt.GetElementType();
            elementInfo = info.ElementType;
            isArray = true;
        }
        else if (pt.IsGenericType && Array.IndexOf(ListGenerics, pt.GetGenericTypeDefinition()) >= 0)
        {
            element = pt.GetGenericArguments()[0];
            elementInfo = info.GenericTypeArguments.Length > 0 ? info.GenericTypeArguments[0] : null;
        }
        if (element == typeof(string) || element == typeof(int))
        {
            bool elementNullable = element == typeof(string) && elementInfo?.ReadState != NullabilityState.NotNull;
            var item = new DataField("element", element, elementNullable);
            var field = new ListField(name, item, info.ReadState != NullabilityState.NotNull);
            var enumerable = typeof(IEnumerable<>).MakeGenericType(element);
            var setType = isArray ? pt : typeof(List<>).MakeGenericType(element);
            if (!isArray && !pt.IsAssignableFrom(setType))
                throw new NotSupportedException($"{typeof(T).Name}.{p.Name}: list type {pt} is not supported (use List<T>, T[] or IReadOnlyList<T>).");
            return Create(typeof(ListBinding<,>).MakeGenericType(typeof(T), element), p.Name, field,
                Delegate.CreateDelegate(typeof(Func<,>).MakeGenericType(typeof(T), enumerable), get),
                Delegate.CreateDelegate(typeof(Action<,>).MakeGenericType(typeof(T), setType), set), isArray);
        }
        throw new NotSupportedException(
            $"{typeof(T).Name}.{p.Name}: type {pt} is not supported (bool, int, long, float, double, string, byte[], DateOnly, DateTime, " +
            "DateTimeOffset, their nullable forms, and List<string>/string[]/IReadOnlyList<string>/List<int>/int[]); mark it [ParquetIgnore] to skip it.");
    }

    private static PropertyBinding<T> Create(Type bindingType, params object[] args) =>
        (PropertyBinding<T>)Activator.CreateInstance(bindingType, args)!;
}
