using ContentPipeline.Parquet.Schema;

namespace ContentPipeline.Parquet.IO;

/// <summary>Copies a <see cref="DataColumn"/> (low-level API) into a <see cref="ColumnBuffer"/>.</summary>
internal static class DataColumnWriter
{
    public static void Fill(DataColumn column, ColumnBuffer buf)
    {
        var field = buf.Field;
        int maxDef = field.MaxDefinitionLevel, maxRep = field.MaxRepetitionLevel;
        var defs = column.DefinitionLevels;
        var reps = column.RepetitionLevels;
        if (maxRep > 0 && reps == null)
            throw new ArgumentException($"Column '{field.Path}' is repeated: repetition levels are required.");
        if (maxRep == 0 && reps != null && Array.Exists(reps, r => r != 0))
            throw new ArgumentException($"Column '{field.Path}' is not repeated: repetition levels must be 0.");
        var data = column.Data;
        int n = data.Length;
        var et = data.GetType().GetElementType()!;
        var underlying = Nullable.GetUnderlyingType(et) ?? et;
        if (underlying == typeof(DateTimeOffset) && field.ClrType == typeof(DateTime)) { }
        else if (underlying != field.ClrType)
            throw new ArgumentException($"Column '{field.Path}' holds {field.ClrType.Name} values, got an array of {et.Name}.");

        for (int i = 0; i < n; i++)
        {
            object? v = data.GetValue(i);
            int rep = reps?[i] ?? 0;
            if (rep < 0 || rep > maxRep) throw new ArgumentException($"Column '{field.Path}': repetition level {rep} at {i} is outside 0..{maxRep}.");
            int def;
            if (defs != null)
            {
                def = defs[i];
                if (def < 0 || def > maxDef) throw new ArgumentException($"Column '{field.Path}': definition level {def} at {i} is outside 0..{maxDef}.");
                if (def == maxDef && v == null) throw new ArgumentException($"Column '{field.Path}': entry {i} is null but its definition level says defined.");
            }
            else if (v == null)
            {
                if (maxDef == 0) throw new ArgumentException($"Column '{field.Path}' is required but entry {i} is null.");
                def = maxDef - 1;
            }
            else def = maxDef;

            if (maxDef > 0) buf.AddLevels(def, rep);
            else buf.AddRequiredRow();
            if (def != maxDef) continue;
            switch (v)
            {
                case bool b: buf.AddBoolean(b); break;
                case int x: buf.AddInt32(x); break;
                case long x: buf.AddInt64(x); break;
                case float x: buf.AddFloat(x); break;
                case double x: buf.AddDouble(x); break;
                case string s: buf.AddString(s); break;
                case byte[] bytes: buf.AddBytes(bytes); break;
                case DateOnly d: buf.AddDate(d); break;
                case DateTime dt: buf.AddTimestamp(dt); break;
                case DateTimeOffset dto: buf.AddTimestamp(dto); break;
                default: throw new ArgumentException($"Column '{field.Path}': unsupported value {v}.");
            }
        }
    }
}
