using System.Text;
using ContentPipeline.Ingest;
using ContentPipeline.Normalise.Html;

namespace ContentPipeline.Tests.Ingest;

/// <summary>Whatever the bytes, ingest answers with documents or rejects, never an exception or an 'error' reject.</summary>
public class IngestRobustnessTests
{
    private static readonly string[] Pieces =
    [
        "---\n", "...\n", "title: x\n", "author:\n  - \"[[A]]\"\n", "date: 2024-01-01\n", ": :\n", "[\n", "{", "}", "\"",
        "<meta charset=gbk>", "<meta charset=\"big5\">", "<p>", "</p>", "<br>", "<a href=x>", "</a>", "<pre>", "<script>", "</div>",
        "中文", "繁體", "\r\n", "\n", " ", "\t", "&amp;", "&#0;", "{\"text\":\"t\"}\n", "{\"html\":\"<p>h</p>\",\"title\":1}\n",
    ];

    [Fact]
    public void Random_inputs_never_throw()
    {
        var rng = new Random(12345);
        var ingestor = new DocumentIngestor(new IngestOptions { MaxFileBytes = 4096 });
        var extractor = new HtmlBlockExtractor();
        string[] extensions = [".md", ".txt", ".html", ".jsonl"];
        for (int i = 0; i < 400; i++)
        {
            byte[] bytes;
            if (i % 4 == 0)
            {
                bytes = new byte[rng.Next(0, 600)];
                rng.NextBytes(bytes);
            }
            else
            {
                var sb = new StringBuilder();
                int n = rng.Next(0, 40);
                for (int k = 0; k < n; k++) sb.Append(Pieces[rng.Next(Pieces.Length)]);
                var enc = (i % 3) switch { 0 => Encoding.UTF8, 1 => Encoding.GetEncoding("gb18030"), _ => Encoding.Unicode };
                bytes = enc.GetBytes(sb.ToString());
            }
            var path = $"f{i}{extensions[i % extensions.Length]}";
            foreach (var r in ingestor.IngestBytes(path, bytes))
            {
                Assert.True(r.Kind is IngestResultKind.Document or IngestResultKind.Reject, r.ToString());
                if (r.Reject is { } reject) Assert.NotEqual("error", reject.Reason);
                if (r.Document is { Format: SourceFormats.Html } d) extractor.Extract(d.Body);
            }
        }
    }

    static IngestRobustnessTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
