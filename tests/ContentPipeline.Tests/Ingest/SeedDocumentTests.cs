using System.Text.Json;
using ContentPipeline.Ingest;

namespace ContentPipeline.Tests.Ingest;

/// <summary>The three seed documents, read from the repository's raw/ copies.</summary>
public class SeedDocumentTests
{
    private const string IntelligenceAge = "essays/the-intelligence-age.md";
    private const string GentleSingularity = "clippings/the-gentle-singularity.md";
    private const string AiEconomics = "news/ai-economics-bitpush.txt";

    [Fact]
    public void Jekyll_front_matter_gives_title_author_and_utc_date()
    {
        var d = IngestTestFiles.Doc(IntelligenceAge);
        Assert.Equal("The Intelligence Age", d.Title);
        Assert.Equal("Sam Altman", d.Author);
        Assert.Equal(new DateTime(2024, 9, 23, 4, 0, 0, DateTimeKind.Utc), d.Published);
        Assert.Equal(DateTimeKind.Utc, d.Published!.Value.Kind);
        Assert.Null(d.Url);
        Assert.Equal(SourceFormats.Markdown, d.Format);
        Assert.Equal("utf-8", d.Encoding);
        Assert.Equal(EncodingSources.Detected, d.EncodingSource);
        Assert.Equal(11, d.BodyStartLine);
        Assert.Equal(IntelligenceAge, d.SourcePath);
        Assert.Null(d.RecordLine);
        Assert.Equal("ab018376da42a2fb49c0248ce286f1a6e2ba1501022d773f1969036a663e39a1", d.ContentHash);
        Assert.StartsWith("\n_In the next couple of decades,", d.Body);
    }

    [Fact]
    public void Jekyll_metadata_keeps_key_order_drops_commented_keys_and_writes_iso_dates()
    {
        var d = IngestTestFiles.Doc(IntelligenceAge);
        Assert.Equal(
            """{"layout":"post","title":"The Intelligence Age","author":"Sam Altman","date":"2024-09-23T04:00:00Z","image":"https://i.imgur.com/nTmt0Vp.png","description":"","position":"center"}""",
            d.MetadataJson);
    }

    [Fact]
    public void Obsidian_clipping_gives_author_without_wiki_link_and_created_date()
    {
        var d = IngestTestFiles.Doc(GentleSingularity);
        Assert.Equal("The Gentle Singularity", d.Title);
        Assert.Equal("Sam Altman", d.Author);
        Assert.Equal(new DateTime(2025, 6, 11, 0, 0, 0, DateTimeKind.Utc), d.Published); // published: is empty, created wins
        Assert.Equal("https://blog.samaltman.com/the-gentle-singularity", d.Url);
        Assert.Equal(12, d.BodyStartLine);
        Assert.StartsWith("我们已经越过了事件视界", d.Body);

        using var json = JsonDocument.Parse(d.MetadataJson);
        var root = json.RootElement;
        Assert.Equal(["title", "source", "author", "published", "created", "description", "tags"],
            root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("published").ValueKind);
        Assert.Equal("2025-06-11", root.GetProperty("created").GetString());
        Assert.Equal(["clippings"], root.GetProperty("tags").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(["[[Sam Altman]]"], root.GetProperty("author").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Fact]
    public void Text_without_front_matter_takes_its_first_non_empty_line_as_title()
    {
        var d = IngestTestFiles.Doc(AiEconomics);
        Assert.Equal("山姆·奥特曼提出AI经济学观察:未来有何趋势?", d.Title);
        Assert.Equal(SourceFormats.Text, d.Format);
        Assert.Null(d.Author);
        Assert.Null(d.Published);
        Assert.Equal("{}", d.MetadataJson);
        Assert.Equal(1, d.BodyStartLine);
        Assert.Equal(File.ReadAllText(Path.Combine(IngestTestFiles.Raw, AiEconomics)), d.Body);
        Assert.Equal("e2d8297f9b7b92d344a57a8f3d71b6b44760974595a10669969e7d7ed4f7c42f", d.ContentHash);
    }

    [Theory]
    [InlineData(IntelligenceAge)]
    [InlineData(GentleSingularity)]
    public void Body_never_contains_a_front_matter_line(string path)
    {
        var d = IngestTestFiles.Doc(path);
        var file = File.ReadAllLines(Path.Combine(IngestTestFiles.Raw, path));
        var frontMatter = file.Take(d.BodyStartLine - 1).Where(l => l.Trim().Length > 0 && l.Trim() != "---").ToHashSet();
        Assert.NotEmpty(frontMatter);
        foreach (var line in d.Body.Split('\n'))
            Assert.DoesNotContain(line, frontMatter);
        // The body is exactly the file from body_start_line on.
        Assert.Equal(string.Join("\n", file.Skip(d.BodyStartLine - 1)).TrimEnd('\n'), d.Body.TrimEnd('\n'));
    }

    [Fact]
    public void Ids_are_the_first_16_hex_chars_of_sha256_of_the_relative_path_and_stable_across_runs()
    {
        var first = new DocumentIngestor().Ingest(IngestTestFiles.Raw).Select(r => (r.Kind, r.SourcePath, r.RecordLine, r.Document?.DocId, r.Document?.ContentHash)).ToList();
        var second = new DocumentIngestor().Ingest(IngestTestFiles.Raw).Select(r => (r.Kind, r.SourcePath, r.RecordLine, r.Document?.DocId, r.Document?.ContentHash)).ToList();
        Assert.Equal(first, second);

        var d = IngestTestFiles.Doc(IntelligenceAge);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("essays/the-intelligence-age.md"u8))[..16];
        Assert.Equal(expected, d.DocId);
        Assert.Equal("84990bdc495e3b47", d.DocId);
    }
}
