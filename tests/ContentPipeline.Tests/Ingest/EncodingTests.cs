using System.Text;
using ContentPipeline.Ingest;

namespace ContentPipeline.Tests.Ingest;

public class EncodingTests
{
    static EncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static string Utf8Original(string fixture) =>
        DocumentIngestor.NormaliseNewlines(File.ReadAllText(IngestTestFiles.Fixture(fixture), Encoding.UTF8));

    [Fact]
    public void Gb18030_text_file_is_detected_and_decodes_to_the_utf8_original()
    {
        var d = IngestTestFiles.Doc("news/spring-tea-prices-gb18030.txt");
        Assert.Equal("gb18030", d.Encoding);
        Assert.Equal(EncodingSources.Detected, d.EncodingSource);
        Assert.Equal(Utf8Original("spring-tea-prices.utf8.txt"), d.Body);
        Assert.Equal("春茶上市价格回落 产区茶农转向线上直播销售", d.Title);
    }

    [Fact]
    public void Big5_html_page_uses_its_declared_charset_and_decodes_to_the_utf8_original()
    {
        var d = IngestTestFiles.Doc("scrapes/shilin-night-market-big5.html");
        Assert.Equal("big5", d.Encoding);
        Assert.Equal(EncodingSources.Declared, d.EncodingSource);
        Assert.Equal(Utf8Original("shilin-night-market.utf8.html"), d.Body);
        Assert.Equal("士林夜市攤商迎來觀光客回流", d.Title);
        Assert.Equal("陳怡君", d.Author);
    }

    [Fact]
    public void Big5_without_a_declaration_is_told_apart_from_gb18030_by_scoring()
    {
        var traditional = Utf8Original("shilin-night-market.utf8.html").Replace("<meta charset=\"big5\">", "");
        var bytes = Encoding.GetEncoding("big5").GetBytes(traditional);
        var r = Assert.Single(new DocumentIngestor().IngestBytes("page.html", bytes));
        Assert.Equal("big5", r.Document!.Encoding);
        Assert.Equal(EncodingSources.Detected, r.Document.EncodingSource);
        Assert.Equal(traditional, r.Document.Body);

        // The same text as a .txt file (no HTML declaration look-up at all).
        var t = Assert.Single(new DocumentIngestor().IngestBytes("page.txt", bytes));
        Assert.Equal("big5", t.Document!.Encoding);
    }

    [Fact]
    public void Gbk_bytes_of_simplified_chinese_are_detected_as_gb18030()
    {
        var simplified = Utf8Original("spring-tea-prices.utf8.txt");
        var bytes = Encoding.GetEncoding(936).GetBytes(simplified);
        var r = Assert.Single(new DocumentIngestor().IngestBytes("gbk.txt", bytes));
        Assert.Equal("gb18030", r.Document!.Encoding);
        Assert.Equal(simplified, r.Document.Body);
    }

    [Theory]
    [InlineData("utf-8", new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData("utf-16le", new byte[] { 0xFF, 0xFE })]
    [InlineData("utf-16be", new byte[] { 0xFE, 0xFF })]
    public void Byte_order_mark_decides(string expected, byte[] bom)
    {
        var text = "标题\nSecond line 第二行\n";
        Encoding enc = expected switch { "utf-16le" => new UnicodeEncoding(false, false), "utf-16be" => new UnicodeEncoding(true, false), _ => new UTF8Encoding(false) };
        var bytes = bom.Concat(enc.GetBytes(text)).ToArray();
        var r = Assert.Single(new DocumentIngestor().IngestBytes("bom.txt", bytes));
        Assert.Equal(expected, r.Document!.Encoding);
        Assert.Equal(EncodingSources.Bom, r.Document.EncodingSource);
        Assert.Equal(text, r.Document.Body);
        Assert.Equal("标题", r.Document.Title);
    }

    [Fact]
    public void Declared_gbk_html_is_decoded_with_the_declaration()
    {
        var html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><title>春茶上市</title></head><body><p>价格回落</p></body></html>";
        var bytes = Encoding.GetEncoding(936).GetBytes(html);
        var r = Assert.Single(new DocumentIngestor().IngestBytes("gb.html", bytes));
        Assert.Equal("gb2312", r.Document!.Encoding);
        Assert.Equal(EncodingSources.Declared, r.Document.EncodingSource);
        Assert.Equal("春茶上市", r.Document.Title);
    }

    [Fact]
    public void A_wrong_declaration_that_decodes_to_gibberish_is_overruled_by_detection()
    {
        var tea = Utf8Original("spring-tea-prices.utf8.txt");
        var html = "<html><head><meta charset=\"big5\"><title>春茶</title></head><body><pre>" + tea + "</pre></body></html>";
        var r = Assert.Single(new DocumentIngestor().IngestBytes("mislabelled.html", Encoding.GetEncoding(936).GetBytes(html)));
        Assert.Equal(("gb18030", EncodingSources.Detected), (r.Document!.Encoding, r.Document.EncodingSource));
        Assert.Equal(html, r.Document.Body);
    }

    [Fact]
    public void Xml_declaration_counts_as_a_declared_charset()
    {
        var xhtml = "<?xml version=\"1.0\" encoding=\"big5\"?>\n<html><head><title>夜市</title></head><body><p>觀光客回流</p></body></html>";
        var r = Assert.Single(new DocumentIngestor().IngestBytes("x.xhtml.html", Encoding.GetEncoding("big5").GetBytes(xhtml)));
        Assert.Equal(("big5", EncodingSources.Declared), (r.Document!.Encoding, r.Document.EncodingSource));
        Assert.Equal(xhtml, r.Document.Body);
    }

    [Fact]
    public void Valid_utf8_wins_over_a_stale_non_utf8_declaration()
    {
        var html = "<html><head><meta charset=\"gbk\"><title>春茶上市</title></head><body><p>价格回落</p></body></html>";
        var r = Assert.Single(new DocumentIngestor().IngestBytes("resaved.html", Encoding.UTF8.GetBytes(html)));
        Assert.Equal("utf-8", r.Document!.Encoding);
        Assert.Equal(EncodingSources.Detected, r.Document.EncodingSource);
        Assert.Equal(html, r.Document.Body);
    }

    [Fact]
    public void Binary_file_in_raw_is_rejected_with_advice()
    {
        var r = IngestTestFiles.One("misc/scanned-letter.txt");
        Assert.Equal(IngestResultKind.Reject, r.Kind);
        Assert.Equal("binary", r.Reject!.Reason);
        Assert.Equal("ingest", r.Reject.Stage);
        Assert.Equal("misc/scanned-letter.txt", r.Reject.SourcePath);
        Assert.Null(r.Reject.RecordLine);
        Assert.Contains("NUL byte at offset 9", r.Reject.Detail);
        Assert.Contains("save it as UTF-8", r.Reject.Detail);
    }

    [Fact]
    public void Bytes_valid_in_no_candidate_encoding_are_undecodable()
    {
        // 0xFF is not a valid byte in UTF-8, GB18030 or Big5.
        var bytes = "plain words then "u8.ToArray().Concat(new byte[] { 0xFF, 0xFE, 0xFF }).Concat(" more words"u8.ToArray()).ToArray();
        var r = Assert.Single(new DocumentIngestor().IngestBytes("broken.txt", bytes));
        Assert.Equal("undecodable", r.Reject!.Reason);
        Assert.Contains("offset 17", r.Reject.Detail);
        Assert.Contains("re-save the file as UTF-8", r.Reject.Detail);
    }

    [Fact]
    public void Many_control_characters_mean_binary()
    {
        var bytes = Enumerable.Range(0, 200).Select(i => (byte)(i % 3 == 0 ? 0x01 : 'a')).ToArray();
        var r = Assert.Single(new DocumentIngestor().IngestBytes("ctl.txt", bytes));
        Assert.Equal("binary", r.Reject!.Reason);
        Assert.Contains("control characters", r.Reject.Detail);
    }

    [Fact]
    public void Scoring_prefers_real_text_over_mojibake()
    {
        var simplified = "我们的使命是确保通用人工智能能够造福全人类。";
        var big5Mojibake = Encoding.GetEncoding(936).GetString(Encoding.GetEncoding("big5").GetBytes("我們的使命是確保通用人工智慧能夠造福全人類。"));
        Assert.True(TextDecoder.PlausibilityScore(simplified) > TextDecoder.PlausibilityScore(big5Mojibake));
    }
}
