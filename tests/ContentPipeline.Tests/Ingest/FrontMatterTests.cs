using System.Text.Json;
using ContentPipeline.Ingest;

namespace ContentPipeline.Tests.Ingest;

public class FrontMatterTests
{
    private static IngestResult Text(string path, string text) => Assert.Single(new DocumentIngestor().IngestText(path, text));

    [Fact]
    public void Crlf_markdown_with_front_matter_has_lf_body_and_unchanged_line_numbers()
    {
        var raw = File.ReadAllBytes(Path.Combine(IngestTestFiles.Raw, "essays/field-notes-on-slow-software.md"));
        Assert.Contains((byte)'\r', raw); // the fixture really is CRLF

        var d = IngestTestFiles.Doc("essays/field-notes-on-slow-software.md");
        Assert.DoesNotContain('\r', d.Body);
        Assert.Equal(11, d.BodyStartLine);
        Assert.Equal("Field notes on slow software", d.Title);
        Assert.Equal("Ruth Abernathy, Tomas Veld", d.Author);
        Assert.Equal(new DateTime(2023, 11, 2, 12, 45, 0, DateTimeKind.Utc), d.Published);
        Assert.Equal(
            """{"title":"Field notes on slow software","author":["[[Ruth Abernathy]]","Tomas Veld"],"date":"2023-11-02T12:45:00Z","tags":["essays","software"],"draft":false,"reading_time":6}""",
            d.MetadataJson);
        // Line numbers: the file's line 12 is the heading, i.e. body line 2.
        Assert.Equal("# Field notes on slow software", d.Body.Split('\n')[12 - d.BodyStartLine]);
    }

    [Fact]
    public void Invalid_yaml_is_rejected_with_the_file_line()
    {
        var text = "---\ntitle: Fine\nauthor: Someone: with a colon\ntags: [a, b]\n---\nBody.\n";
        var r = Text("notes/bad.md", text);
        Assert.Equal(IngestResultKind.Reject, r.Kind);
        Assert.Equal("malformed_front_matter", r.Reject!.Reason);
        Assert.Equal("ingest", r.Reject.Stage);
        Assert.StartsWith("notes/bad.md: invalid YAML front matter at line 3,", r.Reject.Detail);
    }

    [Fact]
    public void Unclosed_list_is_rejected_too()
    {
        var r = Text("bad2.md", "---\ntitle: x\ntags: [a, b\n---\nBody\n");
        Assert.Equal("malformed_front_matter", r.Reject!.Reason);
        Assert.Contains("line ", r.Reject.Detail);
    }

    [Theory]
    [InlineData("---\ntitle: a\ntitle: b\n---\nx\n", "line 3", "Duplicate key")]
    [InlineData("---\n- a\n- b\n---\nBody\n", "line 2", "found a list")]
    [InlineData("---\njust words\n---\nBody\n", "line 2", "found a single value")]
    public void Duplicate_keys_and_non_mappings_are_malformed(string text, string where, string what)
    {
        var r = Text("fm.md", text);
        Assert.Equal("malformed_front_matter", r.Reject!.Reason);
        Assert.Contains(where, r.Reject.Detail);
        Assert.Contains(what, r.Reject.Detail);
    }

    [Fact]
    public void Comment_only_or_empty_front_matter_is_an_empty_object()
    {
        var d = Text("c.md", "---\n# nothing yet\n---\nBody\n").Document!;
        Assert.Equal("{}", d.MetadataJson);
        Assert.Equal(4, d.BodyStartLine);
        Assert.Equal("Body\n", d.Body);
    }

    [Fact]
    public void Front_matter_can_close_with_dots_and_the_body_follows()
    {
        var d = Text("a.md", "---\ntitle: 'Quoted: title'\nurl: https://example.org/a\n...\nFirst line\n").Document!;
        Assert.Equal("Quoted: title", d.Title);
        Assert.Equal("https://example.org/a", d.Url);
        Assert.Equal(5, d.BodyStartLine);
        Assert.Equal("First line\n", d.Body);
    }

    [Fact]
    public void An_unclosed_dash_line_is_a_rule_not_front_matter()
    {
        var d = Text("rule.txt", "---\nJust text under a rule\n").Document!;
        Assert.Equal(1, d.BodyStartLine);
        Assert.Equal("{}", d.MetadataJson);
        Assert.Equal("Just text under a rule", d.Title);
    }

    [Fact]
    public void Without_front_matter_a_markdown_title_comes_from_the_first_heading_markup_stripped()
    {
        var d = Text("b.md", "<!-- scraped -->\nIntro words.\n\n```\n# not a heading\n```\n## The *real* [title](http://x) ##\n").Document!;
        Assert.Equal("The real title", d.Title);
        var t = Text("c.md", "\n\n> **Bold** first line\nmore\n").Document!;
        Assert.Equal("Bold first line", t.Title);
    }

    [Fact]
    public void Long_first_lines_are_clipped_to_200_characters()
    {
        var d = Text("long.txt", new string('字', 500) + "\n").Document!;
        Assert.Equal(200, d.Title!.Length);
    }

    [Fact]
    public void Authors_list_published_fallback_and_yaml_scalars()
    {
        var d = Text("x.md", "---\nauthors:\n  - Ann\n  - \"[[Bob Builder|Bob]]\"\ndate:\npublished: 2024-02-29T10:00:00-02:00\ncount: 3\nratio: 0.5\nflag: yes\nnothing: ~\n---\nText\n").Document!;
        Assert.Equal("Ann, Bob", d.Author);
        Assert.Equal(new DateTime(2024, 2, 29, 12, 0, 0, DateTimeKind.Utc), d.Published);
        using var json = JsonDocument.Parse(d.MetadataJson);
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("count").GetInt64());
        Assert.Equal(0.5, root.GetProperty("ratio").GetDouble());
        Assert.Equal("yes", root.GetProperty("flag").GetString()); // YAML 1.2: only true/false are booleans
        Assert.Equal(JsonValueKind.Null, root.GetProperty("nothing").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("date").ValueKind);
        Assert.Equal("2024-02-29T12:00:00Z", root.GetProperty("published").GetString());
    }

    [Theory]
    [InlineData("2024-09-23 12:00:00 +0800", "2024-09-23T04:00:00Z")]
    [InlineData("2024-09-23T12:00:00+08:00", "2024-09-23T04:00:00Z")]
    [InlineData("2025-06-11", "2025-06-11T00:00:00Z")]
    [InlineData("2025-03-14T08:30:00.5Z", "2025-03-14T08:30:00.5Z")]
    [InlineData("2024-01-05 23:30 -05:30", "2024-01-06T05:00:00Z")]
    [InlineData("Fri, 02 May 2025 18:00:00 GMT", "2025-05-02T18:00:00Z")]
    public void Dates_become_utc(string input, string expected)
    {
        var d = DateParsing.ParseUtc(input);
        Assert.NotNull(d);
        Assert.Equal(DateTimeKind.Utc, d!.Value.Kind);
        Assert.Equal(expected, DateParsing.Format(d.Value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a date")]
    [InlineData("2024-02-31")]
    public void Non_dates_give_null(string input) => Assert.Null(DateParsing.ParseUtc(input));
}
