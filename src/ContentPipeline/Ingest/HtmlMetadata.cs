using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ContentPipeline.Ingest;

/// <summary>
/// What an HTML page says about itself: title (og:title → &lt;title&gt; → first h1), author (meta author →
/// article:author → byline), published (article:published_time → meta date → &lt;time datetime&gt;),
/// url (link rel=canonical → og:url), and every meta tag found, in document order.
/// </summary>
public sealed class HtmlMetadata
{
    public string? Title { get; private set; }
    public string? Author { get; private set; }
    public DateTime? Published { get; private set; }
    public string? Url { get; private set; }
    public string? Language { get; private set; }
    public string? DocumentTitle { get; private set; }
    /// <summary>Meta tags (name/property/itemprop/http-equiv → content), in document order; repeated keys keep every value.</summary>
    public List<KeyValuePair<string, string>> Meta { get; } = [];

    // One parser per thread: ingest may run on several threads, and AngleSharp does not promise a shared parser is safe.
    private static readonly ThreadLocal<HtmlParser> Parser = new(() => new HtmlParser(new HtmlParserOptions { IsScripting = false }));

    public static HtmlMetadata Read(string html) => Read(Parser.Value!.ParseDocument(html));

    public static HtmlMetadata Read(IDocument doc)
    {
        var md = new HtmlMetadata();
        md.Language = NonEmpty(doc.DocumentElement?.GetAttribute("lang"));

        foreach (var meta in doc.QuerySelectorAll("meta"))
        {
            var key = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop") ?? meta.GetAttribute("http-equiv");
            var content = meta.GetAttribute("content");
            if (string.IsNullOrWhiteSpace(key) || content is null) continue;
            md.Meta.Add(new(key.Trim(), content.Trim()));
        }

        md.DocumentTitle = NonEmpty(Collapse(doc.Head?.QuerySelector("title")?.TextContent ?? doc.QuerySelector("title")?.TextContent));
        md.Title = MetaValue(md, "og:title", "twitter:title")
                   ?? md.DocumentTitle
                   ?? NonEmpty(Collapse(doc.QuerySelector("h1")?.TextContent));

        md.Author = MetaValue(md, "author", "article:author", "dc.creator", "byl", "sailthru.author")
                    ?? NonEmpty(Collapse(doc.QuerySelector("[rel~=author], [itemprop=author], .byline, .author, .byline-name")?.TextContent));
        if (md.Author is not null && md.Author.StartsWith("By ", StringComparison.OrdinalIgnoreCase))
            md.Author = md.Author[3..].Trim();

        var date = MetaValue(md, "article:published_time", "og:published_time", "date", "pubdate", "publishdate",
                       "publish-date", "dc.date", "dc.date.issued", "datepublished", "sailthru.date", "parsely-pub-date")
                   ?? doc.QuerySelector("time[datetime]")?.GetAttribute("datetime");
        md.Published = DateParsing.ParseUtc(date);

        md.Url = NonEmpty(doc.QuerySelector("link[rel~=canonical]")?.GetAttribute("href")) ?? MetaValue(md, "og:url");
        return md;
    }

    private static string? MetaValue(HtmlMetadata md, params string[] keys)
    {
        foreach (var k in keys)
            foreach (var (key, value) in md.Meta)
                if (string.Equals(key, k, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(value))
                    return value;
        return null;
    }

    /// <summary>Writes <c>{"title":…, "lang":…, "canonical":…, "meta":{…}}</c> (absent parts left out).</summary>
    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        if (DocumentTitle is not null) w.WriteString("title", DocumentTitle);
        if (Language is not null) w.WriteString("lang", Language);
        if (Url is not null) w.WriteString("canonical", Url);
        w.WriteStartObject("meta");
        foreach (var group in Meta.GroupBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var values = group.Select(kv => kv.Value).ToList();
            if (values.Count == 1) w.WriteString(group.Key, values[0]);
            else
            {
                w.WriteStartArray(group.Key);
                foreach (var v in values) w.WriteStringValue(v);
                w.WriteEndArray();
            }
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string? Collapse(string? s)
    {
        if (s is null) return null;
        var sb = new System.Text.StringBuilder(s.Length);
        bool space = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c) && c != '\u00A0') { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }
}
