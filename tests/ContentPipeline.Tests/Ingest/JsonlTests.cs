using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ContentPipeline.Ingest;

namespace ContentPipeline.Tests.Ingest;

public class JsonlTests
{
    private const string Crawl = "scrapes/crawl-2025-05.jsonl";

    private static List<IngestResult> CrawlResults() => new DocumentIngestor().IngestFile(IngestTestFiles.Raw, Crawl).ToList();

    [Fact]
    public void Each_line_is_a_document_or_a_reject_and_the_blank_line_is_skipped()
    {
        var results = CrawlResults();
        Assert.Equal([1, 2, 3, 4, 6], results.Select(r => r.RecordLine!.Value).ToArray());
        Assert.Equal(
            [IngestResultKind.Document, IngestResultKind.Document, IngestResultKind.Reject, IngestResultKind.Reject, IngestResultKind.Document],
            results.Select(r => r.Kind).ToArray());
    }

    [Fact]
    public void Malformed_line_is_rejected_with_file_and_line()
    {
        var r = CrawlResults().Single(x => x.RecordLine == 3).Reject!;
        Assert.Equal("malformed_json", r.Reason);
        Assert.Equal("ingest", r.Stage);
        Assert.Equal(Crawl, r.SourcePath);
        Assert.Equal(3, r.RecordLine);
        Assert.Equal(DocumentIngestor.StableId(Crawl, 3), r.DocId);
        Assert.StartsWith("scrapes/crawl-2025-05.jsonl line 3 is not valid JSON", r.Detail);
    }

    [Fact]
    public void Record_without_html_or_text_is_rejected_naming_the_field()
    {
        var r = CrawlResults().Single(x => x.RecordLine == 4).Reject!;
        Assert.Equal("missing_field", r.Reason);
        Assert.Contains("\"html\" or \"text\"", r.Detail);
        Assert.Contains("line 4", r.Detail);
    }

    [Fact]
    public void Html_record_takes_record_fields_first_and_head_metadata_second()
    {
        var d = CrawlResults().Single(x => x.RecordLine == 1).Document!;
        Assert.Equal(SourceFormats.Html, d.Format);
        Assert.Equal("Night ferry returns after four years", d.Title); // the record's title, not <title>
        Assert.Equal("https://harborcity-news.example/2025/05/02/ferry-night-service", d.Url);
        Assert.Equal("Jonas Pereira", d.Author); // from <meta name=author>
        Assert.Equal(new DateTime(2025, 5, 2, 18, 0, 0, DateTimeKind.Utc), d.Published);
        Assert.Equal(1, d.BodyStartLine);
        Assert.Equal(DocumentIngestor.StableId(Crawl, 1), d.DocId);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Crawl + "#1")))[..16], d.DocId);
        Assert.Equal("utf-8", d.Encoding);
        Assert.StartsWith("<html><head><title>", d.Body);

        using var json = JsonDocument.Parse(d.MetadataJson);
        var root = json.RootElement;
        Assert.Equal("2025-05-02T21:14:07Z", root.GetProperty("fetched_at").GetString());
        Assert.Equal(200, root.GetProperty("status").GetInt32());
        Assert.False(root.TryGetProperty("html", out _));
        Assert.Equal("Jonas Pereira", root.GetProperty("html_head").GetProperty("meta").GetProperty("author").GetString());
    }

    [Fact]
    public void Text_record_is_format_text_and_content_hash_is_over_the_line()
    {
        var d = CrawlResults().Single(x => x.RecordLine == 2).Document!;
        Assert.Equal(SourceFormats.Text, d.Format);
        Assert.Equal("电动自行车电池以旧换新 本月起在十个城市试点", d.Title);
        Assert.StartsWith("电动自行车电池以旧换新 本月起在十个城市试点\n首页 > 科技 > 正文\n", d.Body);
        var line = File.ReadAllLines(Path.Combine(IngestTestFiles.Raw, Crawl), Encoding.UTF8)[1];
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(line))), d.ContentHash);
    }

    [Fact]
    public void Record_author_list_is_joined()
    {
        var d = CrawlResults().Single(x => x.RecordLine == 6).Document!;
        Assert.Equal("Eli Brandt", d.Author);
        Assert.Equal("Sharpening chisels without a jig", d.Title);
        Assert.Equal(6, d.BodyStartLine);
    }

    [Fact]
    public void Over_long_line_is_rejected_alone_and_crlf_and_bom_are_handled()
    {
        var big = "{\"title\":\"big\",\"text\":\"" + new string('x', 500) + "\"}";
        var text = "\uFEFF{\"title\":\"a\",\"text\":\"one\"}\r\n" + big + "\r\n[1,2]\r\n{\"title\":\"c\",\"content\":\"three\\r\\nlines\"}";
        var results = new DocumentIngestor(new IngestOptions { MaxFileBytes = 100 })
            .IngestBytes("x.jsonl", Encoding.UTF8.GetBytes(text)).ToList();
        Assert.Equal(4, results.Count);
        Assert.Equal("one", results[0].Document!.Body);
        Assert.Equal("too_large", results[1].Reject!.Reason);
        Assert.Equal(2, results[1].RecordLine);
        Assert.Equal("malformed_json", results[2].Reject!.Reason);
        Assert.Contains("expected an object", results[2].Reject!.Detail);
        Assert.Equal("three\nlines", results[3].Document!.Body);
        Assert.Equal(4, results[3].Document!.RecordLine);
    }

    [Fact]
    public void Invalid_utf8_line_is_rejected_and_the_next_line_goes_on()
    {
        var bytes = "{\"text\":\"caf"u8.ToArray().Concat(new byte[] { 0xE9 }).Concat("\"}\n{\"text\":\"ok\"}\n"u8.ToArray()).ToArray();
        var results = new DocumentIngestor().IngestBytes("latin1.jsonl", bytes).ToList();
        Assert.Equal("undecodable", results[0].Reject!.Reason);
        Assert.Equal("ok", results[1].Document!.Body);
    }

    [Fact]
    public void Lines_are_read_without_loading_the_file()
    {
        // A stream that only ever hands out small chunks: the reader must assemble lines across reads.
        var text = string.Join("\n", Enumerable.Range(1, 1000).Select(i => $"{{\"title\":\"t{i}\",\"text\":\"body {i}\"}}"));
        using var stream = new TrickleStream(Encoding.UTF8.GetBytes(text), 7);
        var lines = DocumentIngestor.ReadLines(stream, 1 << 20).ToList();
        Assert.Equal(1000, lines.Count);
        Assert.Equal("{\"title\":\"t1000\",\"text\":\"body 1000\"}", Encoding.UTF8.GetString(lines[^1].Bytes!));
    }

    [Fact]
    public void An_io_error_mid_file_ends_the_file_with_a_reject()
    {
        var text = "{\"text\":\"one\"}\n{\"text\":\"two\"}\n" + new string(' ', 1 << 17) + "{\"text\":\"three\"}\n";
        using var stream = new FailingStream(Encoding.UTF8.GetBytes(text), failAfter: 1 << 16);
        var results = new DocumentIngestor().IngestJsonlStream("feed.jsonl", stream).ToList();
        Assert.Equal(["one", "two"], results.Where(r => r.Document is not null).Select(r => r.Document!.Body).ToArray());
        var reject = results[^1].Reject!;
        Assert.Equal(("unreadable", 3), (reject.Reason, reject.RecordLine));
        Assert.Contains("disk gone", reject.Detail);
    }

    private sealed class FailingStream(byte[] data, int failAfter) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position >= failAfter) throw new IOException("disk gone");
            return base.Read(buffer, offset, count);
        }
    }

    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }
}
