using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ContentPipeline.Ingest;

/// <summary>Raised for YAML front matter that does not parse; <see cref="Line"/> is the 1-based line in the file.</summary>
public sealed class FrontMatterException(string message, int line, int column) : Exception(message)
{
    public int Line { get; } = line;
    public int Column { get; } = column;
}

/// <summary>
/// YAML front matter (Jekyll, Hugo, Obsidian clippings): a first line <c>---</c> up to the next <c>---</c> or <c>...</c>.
/// Parsed into an ordered JSON object; the well-known keys give title, author, published and url.
/// </summary>
public sealed class FrontMatter
{
    private FrontMatter(string json, string? title, string? author, DateTime? published, string? url, string body, int bodyStartLine)
    {
        Json = json;
        Title = title;
        Author = author;
        Published = published;
        Url = url;
        Body = body;
        BodyStartLine = bodyStartLine;
    }

    /// <summary>The front matter as a JSON object, keys in file order ("{}" when there is none).</summary>
    public string Json { get; }
    public string? Title { get; }
    public string? Author { get; }
    public DateTime? Published { get; }
    public string? Url { get; }
    /// <summary>The text after the closing delimiter (the whole text when there is no front matter).</summary>
    public string Body { get; }
    /// <summary>1-based line of <see cref="Body"/> in the file.</summary>
    public int BodyStartLine { get; }
    public bool Present => BodyStartLine > 1;

    /// <summary>
    /// Split and parse. <paramref name="text"/> must have LF line endings. Throws <see cref="FrontMatterException"/>
    /// for front matter that is not valid YAML or not a mapping.
    /// </summary>
    public static FrontMatter Parse(string text)
    {
        if (!TrySplit(text, out var yaml, out var body, out var bodyStartLine))
            return new FrontMatter("{}", null, null, null, null, text, 1);

        YamlNode? root = null;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count > 0) root = stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            // The YAML starts on line 2 of the file.
            int line = (int)e.Start.Line + 1, col = (int)e.Start.Column;
            throw new FrontMatterException(
                $"invalid YAML front matter at line {line}, column {col}: {Sentence(Inner(e).Message)} " +
                "Fix the YAML between the '---' lines (quote values that contain ': ' or start with '[', '{', '@' or '`').",
                line, col);
        }
        catch (ArgumentException e) // duplicate keys surface as ArgumentException from the representation model
        {
            throw new FrontMatterException(
                $"invalid YAML front matter: {Sentence(e.Message)} Remove the duplicate key between the '---' lines.", 2, 1);
        }

        if (root is YamlScalarNode { Value: null or "" } || root is null)
            return new FrontMatter("{}", null, null, null, null, body, bodyStartLine);
        if (root is not YamlMappingNode map)
        {
            int line = (int)root.Start.Line + 1;
            throw new FrontMatterException(
                $"invalid YAML front matter at line {line}: expected 'key: value' lines, found a {(root is YamlSequenceNode ? "list" : "single value")}. " +
                "Write the front matter as 'key: value' lines between the '---' lines.", line, (int)root.Start.Column);
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            WriteNode(w, map);
        string json = Encoding.UTF8.GetString(buffer.WrittenSpan);

        string? title = null, author = null, url = null;
        DateTime? published = null;
        foreach (var (k, v) in map.Children)
        {
            var key = (k as YamlScalarNode)?.Value?.Trim().ToLowerInvariant();
            switch (key)
            {
                case "title":
                    title ??= NonEmpty(StripWikiLink(ScalarText(v)));
                    break;
                case "author" or "authors":
                    author ??= NonEmpty(JoinNames(v));
                    break;
                case "date" or "published" or "created":
                    if (published is null && ScalarText(v) is { } d && !string.IsNullOrWhiteSpace(d))
                        published = DateParsing.ParseUtc(d);
                    break;
                case "source" or "url" or "canonical" or "permalink":
                    url ??= NonEmpty(ScalarText(v));
                    break;
            }
        }
        return new FrontMatter(json, title, author, published, url, body, bodyStartLine);
    }

    private static string Sentence(string message)
    {
        var m = message.Trim();
        return m.Length > 0 && char.IsPunctuation(m[^1]) ? m : m + ".";
    }

    private static Exception Inner(Exception e) => e.InnerException is YamlException inner ? inner : e;

    /// <summary>Finds front matter: line 1 is <c>---</c>, closed by a later <c>---</c> or <c>...</c> line.</summary>
    public static bool TrySplit(string text, out string yaml, out string body, out int bodyStartLine)
    {
        yaml = "";
        body = text;
        bodyStartLine = 1;
        int firstEnd = text.IndexOf('\n');
        if (firstEnd < 0 || text.AsSpan(0, firstEnd).TrimEnd() is not "---") return false;

        int lineNo = 1, pos = firstEnd + 1;
        while (pos <= text.Length)
        {
            int end = text.IndexOf('\n', pos);
            int lineEnd = end < 0 ? text.Length : end;
            lineNo++;
            var line = text.AsSpan(pos, lineEnd - pos).TrimEnd();
            if (line is "---" or "...")
            {
                yaml = text[(firstEnd + 1)..pos];
                body = end < 0 ? "" : text[(end + 1)..];
                bodyStartLine = lineNo + 1;
                return true;
            }
            if (end < 0) break;
            pos = end + 1;
        }
        return false; // never closed: a leading horizontal rule, not front matter
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string? ScalarText(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value,
        YamlSequenceNode seq => seq.Children.Select(ScalarText).FirstOrDefault(x => !string.IsNullOrWhiteSpace(x)),
        _ => null,
    };

    private static string? JoinNames(YamlNode node) => node switch
    {
        YamlScalarNode s => StripWikiLink(s.Value),
        YamlSequenceNode seq => string.Join(", ", seq.Children.Select(c => StripWikiLink(ScalarText(c))?.Trim())
            .Where(x => !string.IsNullOrEmpty(x))),
        YamlMappingNode m => m.Children.FirstOrDefault(kv => (kv.Key as YamlScalarNode)?.Value == "name").Value is YamlScalarNode n
            ? n.Value : null,
        _ => null,
    };

    private static readonly Regex WikiLink = new(@"\[\[([^\]|]*)(?:\|([^\]]*))?\]\]", RegexOptions.CultureInvariant);

    /// <summary>Obsidian wiki links: <c>[[Sam Altman]]</c> → <c>Sam Altman</c>, <c>[[Page|Alias]]</c> → <c>Alias</c>.</summary>
    public static string? StripWikiLink(string? s) =>
        s is null ? null : WikiLink.Replace(s, m => m.Groups[2].Success ? m.Groups[2].Value : m.Groups[1].Value);

    // ---- YAML → JSON ----

    private static void WriteNode(Utf8JsonWriter w, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                w.WriteStartObject();
                foreach (var (k, v) in map.Children)
                {
                    w.WritePropertyName(k is YamlScalarNode ks ? ks.Value ?? "" : k.ToString());
                    WriteNode(w, v);
                }
                w.WriteEndObject();
                break;
            case YamlSequenceNode seq:
                w.WriteStartArray();
                foreach (var c in seq.Children) WriteNode(w, c);
                w.WriteEndArray();
                break;
            case YamlScalarNode s:
                WriteScalar(w, s);
                break;
            default:
                w.WriteNullValue();
                break;
        }
    }

    private static readonly Regex IntPattern = new(@"^[-+]?(0|[1-9][0-9]*)$", RegexOptions.CultureInvariant);
    private static readonly Regex FloatPattern = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);

    /// <summary>YAML 1.2 core schema for plain scalars; quoted scalars are always strings; timestamps become ISO strings.</summary>
    private static void WriteScalar(Utf8JsonWriter w, YamlScalarNode s)
    {
        var v = s.Value ?? "";
        bool plain = s.Style is ScalarStyle.Plain or ScalarStyle.Any;
        string tag = s.Tag.IsEmpty ? "" : s.Tag.Value;
        if (tag.EndsWith(":str", StringComparison.Ordinal) || !plain)
        {
            w.WriteStringValue(v);
            return;
        }
        if (v is "" or "~" or "null" or "Null" or "NULL") { w.WriteNullValue(); return; }
        if (v is "true" or "True" or "TRUE") { w.WriteBooleanValue(true); return; }
        if (v is "false" or "False" or "FALSE") { w.WriteBooleanValue(false); return; }
        if (IntPattern.IsMatch(v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            w.WriteNumberValue(l);
            return;
        }
        if (FloatPattern.IsMatch(v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            w.WriteNumberValue(d);
            return;
        }
        if (DateParsing.TryIso(v, out var iso))
        {
            w.WriteStringValue(iso);
            return;
        }
        w.WriteStringValue(v);
    }
}

/// <summary>Dates as sources write them → UTC.</summary>
public static class DateParsing
{
    private static readonly Regex YamlTimestamp = new(
        @"^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?[ \t]*(Z|z|[+-]\d{1,2}(?::?\d{2})?)?)?$",
        RegexOptions.CultureInvariant);

    /// <summary>
    /// <c>2024-09-23 12:00:00 +0800</c> → 2024-09-23T04:00:00Z; date only → midnight UTC; no offset → taken as UTC.
    /// Other forms (RFC 1123, …) through <see cref="DateTimeOffset.TryParse(string, IFormatProvider, DateTimeStyles, out DateTimeOffset)"/>.
    /// Null when the value is not a date.
    /// </summary>
    public static DateTime? ParseUtc(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim();
        var m = YamlTimestamp.Match(v);
        if (m.Success)
        {
            try
            {
                int y = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                int mo = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
                int d = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
                if (!m.Groups[4].Success) return new DateTime(y, mo, d, 0, 0, 0, DateTimeKind.Utc);
                int h = int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture);
                int mi = int.Parse(m.Groups[5].Value, CultureInfo.InvariantCulture);
                int s = m.Groups[6].Success ? int.Parse(m.Groups[6].Value, CultureInfo.InvariantCulture) : 0;
                long ticks = 0;
                if (m.Groups[7].Success)
                {
                    var frac = (m.Groups[7].Value + "0000000")[..7];
                    ticks = long.Parse(frac, CultureInfo.InvariantCulture);
                }
                var offset = TimeSpan.Zero;
                if (m.Groups[8].Success && m.Groups[8].Value is not ("Z" or "z"))
                {
                    var o = m.Groups[8].Value;
                    int sign = o[0] == '-' ? -1 : 1;
                    var digits = o[1..].Replace(":", "");
                    int oh, om = 0;
                    if (digits.Length <= 2) oh = int.Parse(digits, CultureInfo.InvariantCulture);
                    else
                    {
                        oh = int.Parse(digits[..^2], CultureInfo.InvariantCulture);
                        om = int.Parse(digits[^2..], CultureInfo.InvariantCulture);
                    }
                    offset = new TimeSpan(sign * oh, sign * om, 0);
                }
                var local = new DateTime(y, mo, d, h, mi, s, DateTimeKind.Unspecified).AddTicks(ticks);
                return new DateTimeOffset(local, offset).UtcDateTime;
            }
            catch (ArgumentException)
            {
                return null; // 2024-02-31 and the like
            }
        }
        if (DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var dto))
            return dto.UtcDateTime;
        return null;
    }

    /// <summary>A YAML timestamp as an ISO string: date only stays <c>yyyy-MM-dd</c>, a time becomes UTC <c>…Z</c>.</summary>
    public static bool TryIso(string value, out string iso)
    {
        iso = "";
        var m = YamlTimestamp.Match(value.Trim());
        if (!m.Success) return false;
        var dt = ParseUtc(value);
        if (dt is null) return false;
        iso = m.Groups[4].Success ? Format(dt.Value) : dt.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>ISO 8601 UTC with seconds, fraction only when present: 2024-09-23T04:00:00Z.</summary>
    public static string Format(DateTime utc) =>
        utc.ToString(utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
