using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ContentPipeline.Parquet.Tests.Interop;

/// <summary>
/// The canonical JSON form of a cell that <c>tests/interop/read-parquet.mjs</c> prints for every reader, so one
/// comparison covers DuckDB, hyparquet and parquet-wasm: BOOLEAN → bool, INT32 → number, INT64 → decimal string,
/// FLOAT/DOUBLE → number or "NaN"/"Infinity"/"-Infinity", STRING → string, binary → lowercase hex, DATE → days since
/// 1970-01-01, TIMESTAMP → microseconds since the epoch as a decimal string, LIST → array, null → null.
/// </summary>
public static class Canonical
{
    private static readonly int EpochDay = new DateOnly(1970, 1, 1).DayNumber;

    public static JsonNode? Of(object? value) => value switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l.ToString(CultureInfo.InvariantCulture)),
        float f => OfDouble(f),
        double d => OfDouble(d),
        string s => JsonValue.Create(s),
        byte[] bytes => JsonValue.Create(Convert.ToHexStringLower(bytes)),
        DateOnly d => JsonValue.Create(d.DayNumber - EpochDay),
        DateTime t => JsonValue.Create(((t.Ticks - DateTime.UnixEpoch.Ticks) / 10).ToString(CultureInfo.InvariantCulture)),
        IEnumerable e => new JsonArray(e.Cast<object?>().Select(Of).ToArray()),
        _ => throw new NotSupportedException($"no canonical form for {value.GetType()}"),
    };

    private static JsonNode OfDouble(double d) =>
        double.IsNaN(d) ? JsonValue.Create("NaN")
        : double.IsPositiveInfinity(d) ? JsonValue.Create("Infinity")
        : double.IsNegativeInfinity(d) ? JsonValue.Create("-Infinity")
        : JsonValue.Create(d);

    /// <summary>Column name → canonical cell, by the [JsonPropertyName] of each public property.</summary>
    public static Dictionary<string, JsonNode?> Row<T>(T row)
    {
        var result = new Dictionary<string, JsonNode?>();
        foreach (var (name, property) in Columns<T>())
        {
            result[name] = Of(property.GetValue(row));
        }

        return result;
    }

    public static IReadOnlyList<(string Name, PropertyInfo Property)> Columns<T>() =>
        typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name, p))
            .ToList();

    public static bool Equal(JsonNode? expected, JsonNode? actual)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null;
        }

        if (expected is JsonArray ea)
        {
            return actual is JsonArray aa && ea.Count == aa.Count && ea.Zip(aa).All(p => Equal(p.First, p.Second));
        }

        if (expected is JsonValue ev && actual is JsonValue av)
        {
            var ek = ev.GetValueKind();
            var ak = av.GetValueKind();
            if (ek == System.Text.Json.JsonValueKind.Number && ak == System.Text.Json.JsonValueKind.Number)
            {
                return Number(ev).Equals(Number(av));
            }

            return ek == ak && ev.ToJsonString() == av.ToJsonString();
        }

        return false;
    }

    private static double Number(JsonValue v) => double.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static string Show(JsonNode? node)
    {
        string s = node?.ToJsonString() ?? "null";
        return s.Length > 200 ? s[..200] + "…" : s;
    }

    /// <summary>
    /// Compares every cell of <paramref name="actualRows"/> (JSON objects from one reader) with the expected rows;
    /// returns a readable list of the first mismatches (empty when all match).
    /// </summary>
    public static List<string> Diff(
        IReadOnlyList<Dictionary<string, JsonNode?>> expectedRows,
        JsonArray actualRows,
        string what,
        int maxReported = 20)
    {
        var problems = new List<string>();
        if (expectedRows.Count != actualRows.Count)
        {
            problems.Add($"{what}: {actualRows.Count} rows read, {expectedRows.Count} expected");
        }

        int mismatches = 0;
        for (int r = 0; r < Math.Min(expectedRows.Count, actualRows.Count); r++)
        {
            var actual = actualRows[r]!.AsObject();
            foreach (var (column, expected) in expectedRows[r])
            {
                if (!actual.TryGetPropertyValue(column, out JsonNode? cell))
                {
                    if (r == 0)
                    {
                        problems.Add($"{what}: column '{column}' missing (has {string.Join(", ", actual.Select(p => p.Key))})");
                    }

                    continue;
                }

                if (!Equal(expected, cell) && mismatches++ < maxReported)
                {
                    problems.Add($"{what}: row {r} column '{column}': expected {Show(expected)}, read {Show(cell)}");
                }
            }
        }

        if (mismatches > maxReported)
        {
            problems.Add($"{what}: … {mismatches - maxReported} more mismatched cells");
        }

        return problems;
    }

    /// <summary>UTF-8 bytes of a stats value for ordering comparisons (Parquet orders BYTE_ARRAY as unsigned bytes).</summary>
    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
}
