using ContentPipeline.Ingest;

namespace ContentPipeline.Tests.Ingest;

public class DocumentIngestorTests
{
    [Fact]
    public void Walks_raw_in_ordinal_order_and_accounts_for_every_file()
    {
        var results = new DocumentIngestor().Ingest(IngestTestFiles.Raw).ToList();
        var paths = results.Select(r => r.SourcePath).Distinct().ToList();
        Assert.Equal(paths.OrderBy(p => p, StringComparer.Ordinal).ToList(), paths);
        Assert.Equal(DocumentIngestor.ListInputs(IngestTestFiles.Raw), paths);
        Assert.DoesNotContain(".gitattributes", paths); // hidden files are not inputs

        var skipped = Assert.Single(results, r => r.Kind == IngestResultKind.Skipped);
        Assert.Equal("misc/annual-report.pdf", skipped.SourcePath);

        var rejects = results.Where(r => r.Kind == IngestResultKind.Reject)
            .Select(r => (r.SourcePath, r.RecordLine, r.Reject!.Reason)).ToList();
        Assert.Equal(
            [("misc/scanned-letter.txt", null, "binary"), ("scrapes/crawl-2025-05.jsonl", 3, "malformed_json"), ("scrapes/crawl-2025-05.jsonl", 4, "missing_field")],
            rejects);

        var docs = results.Where(r => r.Kind == IngestResultKind.Document).Select(r => r.Document!).ToList();
        Assert.Equal(10, docs.Count);
        Assert.Equal(docs.Count, docs.Select(d => d.DocId).Distinct().Count());
        Assert.All(docs, d => Assert.Matches("^[0-9a-f]{16}$", d.DocId));
        Assert.All(docs, d => Assert.Matches("^[0-9a-f]{64}$", d.ContentHash));
        Assert.All(docs, d => Assert.DoesNotContain('\r', d.Body));
    }

    [Fact]
    public void Too_large_files_are_rejected_with_advice()
    {
        using var dir = new IngestTestFiles.TempDir();
        dir.Write("big.txt", new string('a', 300));
        dir.Write("small.txt", "fine");
        var results = new DocumentIngestor().Ingest(dir.Path, new IngestOptions { MaxFileBytes = 100 }).ToList();
        var big = results[0];
        Assert.Equal("big.txt", big.SourcePath);
        Assert.Equal("too_large", big.Reject!.Reason);
        Assert.Contains("300 bytes, over the limit of 100 bytes", big.Reject.Detail);
        Assert.Equal(IngestResultKind.Document, results[1].Kind);
    }

    [Fact]
    public void Extensions_are_configurable_and_case_insensitive()
    {
        using var dir = new IngestTestFiles.TempDir();
        dir.Write("sub/Page.HTM", "<title>T</title><p>x</p>");
        dir.Write("notes.rst", "Title\n=====\n");
        dir.Write("a/b/c.Markdown", "# Deep\n");
        var results = new DocumentIngestor().Ingest(dir.Path).ToList();
        Assert.Equal(["a/b/c.Markdown", "notes.rst", "sub/Page.HTM"], results.Select(r => r.SourcePath).ToArray());
        Assert.Equal(SourceFormats.Markdown, results[0].Document!.Format);
        Assert.Equal(IngestResultKind.Skipped, results[1].Kind);
        Assert.Equal(SourceFormats.Html, results[2].Document!.Format);

        var withRst = new IngestOptions { Extensions = new(IngestOptions.DefaultExtensions()) { [".rst"] = InputFormats.Text } };
        Assert.Equal(IngestResultKind.Document, new DocumentIngestor(withRst).Ingest(dir.Path).ElementAt(1).Kind);
    }

    [Fact]
    public void Empty_files_are_rejected()
    {
        var r = Assert.Single(new DocumentIngestor().IngestBytes("empty.md", "  \r\n\n"u8.ToArray()));
        Assert.Equal("empty", r.Reject!.Reason);
    }

    [Fact]
    public void Missing_input_root_is_a_user_error()
    {
        var e = Assert.Throws<ContentPipelineException>(() => new DocumentIngestor().Ingest("/nonexistent/raw-folder").ToList());
        Assert.Contains("/nonexistent/raw-folder", e.Message);
        Assert.Equal(ExitCodes.BadConfigOrUsage, e.ExitCode);
    }

    [Fact]
    public void Html_file_metadata_comes_from_the_head()
    {
        var d = IngestTestFiles.Doc("scrapes/harbor-library-reading-robots.html");
        Assert.Equal("The library robots that mostly listen", d.Title); // og:title before <title>
        Assert.Equal("Mara Lindqvist", d.Author);
        Assert.Equal(new DateTime(2025, 3, 14, 7, 30, 0, DateTimeKind.Utc), d.Published);
        Assert.Equal("https://eastbank-courier.example/2025/03/14/library-reading-robots", d.Url);
        Assert.Equal("utf-8", d.Encoding);
        Assert.Equal(EncodingSources.Declared, d.EncodingSource);
        Assert.Contains("\"article:tag\":[\"libraries\",\"education\"]", d.MetadataJson);
        Assert.Contains("\"lang\":\"en\"", d.MetadataJson);
    }

    [Fact]
    public void Html_title_falls_back_to_title_element_then_h1()
    {
        var ing = new DocumentIngestor();
        Assert.Equal("Doc title", ing.IngestText("a.html", "<title> Doc\n title </title><h1>H</h1>").Single().Document!.Title);
        Assert.Equal("Only heading", ing.IngestText("b.html", "<p>x</p><h1>Only <em>heading</em></h1>").Single().Document!.Title);
        var t = ing.IngestText("c.html", "<p class=byline>By Jane Roe</p><time datetime=\"2024-05-01\">May 1</time>").Single().Document!;
        Assert.Equal("Jane Roe", t.Author);
        Assert.Equal(new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc), t.Published);
    }
}
