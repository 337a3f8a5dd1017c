using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using ContentPipeline.Publish;

namespace ContentPipeline.Ingest;

/// <summary>
/// Input root → documents. Walks the root in ordinal order of '/'-separated relative paths and yields, lazily and
/// one input at a time, an <see cref="IngestedDocument"/>, a <see cref="Reject"/> (stage "ingest") or a skipped
/// file for every input. Nothing an input contains stops the run: every decoding or parsing problem becomes a reject
/// naming the file (and JSONL line) and what to do about it.
/// </summary>
public sealed class DocumentIngestor(IngestOptions? options = null)
{
    public const string Stage = "ingest";

    public IngestOptions Options { get; } = options ?? IngestOptions.Default;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Every input under <paramref name="inputRoot"/>, in ordinal order of relative paths.</summary>
    public IEnumerable<IngestResult> Ingest(string inputRoot, IngestOptions? options = null)
    {
        var opts = options ?? Options;
        foreach (var rel in ListInputs(inputRoot))
            foreach (var r in IngestFile(inputRoot, rel, opts))
                yield return r;
    }

    /// <summary>Relative paths ('/' separated) of the files under <paramref name="inputRoot"/>, ordinal-sorted. Hidden files are left out.</summary>
    public static IReadOnlyList<string> ListInputs(string inputRoot)
    {
        if (!Directory.Exists(inputRoot))
            throw new ContentPipelineException(
                $"input folder '{inputRoot}' does not exist; create it or point the run at the folder that holds the raw files",
                ExitCodes.BadConfigOrUsage);
        var root = Path.GetFullPath(inputRoot);
        var enumeration = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true };
        var paths = Directory.EnumerateFiles(root, "*", enumeration)
            .Select(p => Path.GetRelativePath(root, p).Replace(Path.DirectorySeparatorChar, '/'))
            .ToList();
        paths.Sort(StringComparer.Ordinal);
        return paths;
    }

    /// <summary>One file (a JSONL file yields one result per non-empty line).</summary>
    public IEnumerable<IngestResult> IngestFile(string inputRoot, string relativePath, IngestOptions? options = null)
    {
        var opts = options ?? Options;
        var rel = relativePath.Replace('\\', '/');
        var format = opts.FormatOf(rel);
        if (format is null)
        {
            yield return IngestResult.Skip(rel);
            yield break;
        }
        var full = Path.Combine(inputRoot, rel);

        if (format == InputFormats.Jsonl)
        {
            Stream? stream = null;
            IngestResult? openFailure = null;
            try
            {
                stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                openFailure = FileReject(rel, "unreadable", $"cannot open the file: {e.Message}; check that it exists and is readable");
            }
            if (openFailure is not null)
            {
                yield return openFailure;
                yield break;
            }
            using (stream)
                foreach (var r in IngestJsonl(rel, stream!, opts))
                    yield return r;
            yield break;
        }

        byte[]? bytes = null;
        IngestResult? failure = null;
        try
        {
            var info = new FileInfo(full);
            if (info.Length > opts.MaxFileBytes)
                failure = FileReject(rel, "too_large",
                    $"the file is {info.Length:N0} bytes, over the limit of {opts.MaxFileBytes:N0} bytes; split it or raise the ingest max file size");
            else
                bytes = File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failure = FileReject(rel, "unreadable", $"cannot read the file: {e.Message}; check that it exists and is readable");
        }
        if (failure is not null)
        {
            yield return failure;
            yield break;
        }
        yield return IngestWholeFile(rel, format, bytes!, opts);
    }

    /// <summary>The raw bytes of one input, as if read from <paramref name="relativePath"/>.</summary>
    public IEnumerable<IngestResult> IngestBytes(string relativePath, byte[] bytes, IngestOptions? options = null)
    {
        var opts = options ?? Options;
        var rel = relativePath.Replace('\\', '/');
        var format = opts.FormatOf(rel);
        if (format is null) return [IngestResult.Skip(rel)];
        if (format == InputFormats.Jsonl) return IngestJsonl(rel, new MemoryStream(bytes, writable: false), opts);
        if (bytes.LongLength > opts.MaxFileBytes)
            return [FileReject(rel, "too_large", $"the file is {bytes.LongLength:N0} bytes, over the limit of {opts.MaxFileBytes:N0} bytes; split it or raise the ingest max file size")];
        return [IngestWholeFile(rel, format, bytes, opts)];
    }

    /// <summary>
    /// Already-decoded text, as if read from <paramref name="relativePath"/> (its extension gives the format):
    /// for tests and corpus loaders. Encoding is recorded as utf-8 / default; the content hash is over its UTF-8 bytes.
    /// </summary>
    public IEnumerable<IngestResult> IngestText(string relativePath, string text, IngestOptions? options = null)
    {
        var opts = options ?? Options;
        var rel = relativePath.Replace('\\', '/');
        var format = opts.FormatOf(rel);
        if (format is null) return [IngestResult.Skip(rel)];
        var bytes = Encoding.UTF8.GetBytes(text);
        if (format == InputFormats.Jsonl) return IngestJsonl(rel, new MemoryStream(bytes, writable: false), opts);
        return [Guarded(rel, null, () => BuildDocument(rel, format, text, "utf-8", EncodingSources.Default, Sha256Hex(bytes), null))];
    }

    /// <summary>JSON Lines from any stream, one result per non-empty line; the stream is read forward once and not disposed.</summary>
    public IEnumerable<IngestResult> IngestJsonlStream(string relativePath, Stream stream, IngestOptions? options = null) =>
        IngestJsonl(relativePath.Replace('\\', '/'), stream, options ?? Options);

    // ---- whole files: markdown, text, html ----

    private static IngestResult IngestWholeFile(string rel, string format, byte[] bytes, IngestOptions opts)
    {
        return Guarded(rel, null, () =>
        {
            if (!TextDecoder.TryDecode(bytes, format == InputFormats.Html, opts.FallbackEncodings, out var decoded, out var failure))
                return FileReject(rel, failure.Reason, failure.Detail);
            return BuildDocument(rel, format, decoded.Text, decoded.Encoding, decoded.EncodingSource, Sha256Hex(bytes), null);
        });
    }

    private static IngestResult BuildDocument(string rel, string format, string rawText, string encoding, string encodingSource,
        string contentHash, int? recordLine)
    {
        var text = NormaliseNewlines(rawText);
        if (string.IsNullOrWhiteSpace(text))
            return FileReject(rel, "empty", "the file is empty or only whitespace; remove it or give it content");

        var doc = new IngestedDocument
        {
            DocId = StableId(rel, recordLine),
            SourcePath = rel,
            RecordLine = recordLine,
            Format = format,
            Encoding = encoding,
            EncodingSource = encodingSource,
            ContentHash = contentHash,
        };

        if (format == InputFormats.Html)
        {
            var md = HtmlMetadata.Read(text);
            doc.Title = md.Title;
            doc.Author = md.Author;
            doc.Published = md.Published;
            doc.Url = md.Url;
            doc.MetadataJson = ToJson(md.WriteJson);
            doc.Body = text;
            doc.BodyStartLine = 1;
            return IngestResult.Of(doc);
        }

        FrontMatter fm;
        try
        {
            fm = FrontMatter.Parse(text);
        }
        catch (FrontMatterException e)
        {
            return IngestResult.Rejected(new Reject
            {
                SourcePath = rel,
                RecordLine = recordLine,
                DocId = recordLine is null ? null : doc.DocId,
                Stage = Stage,
                Reason = "malformed_front_matter",
                Detail = $"{rel}: {e.Message}",
            });
        }
        doc.Title = fm.Title ?? TitleFromBody(fm.Body, format == InputFormats.Markdown);
        doc.Author = fm.Author;
        doc.Published = fm.Published;
        doc.Url = fm.Url;
        doc.MetadataJson = fm.Json;
        doc.Body = fm.Body;
        doc.BodyStartLine = fm.BodyStartLine;
        return IngestResult.Of(doc);
    }

    // ---- JSONL: one record per line, streamed ----

    private static readonly string[] BodyFields = ["html", "text", "content", "markdown"];

    private static IEnumerable<IngestResult> IngestJsonl(string rel, Stream stream, IngestOptions opts)
    {
        using var lines = ReadLines(stream, opts.MaxFileBytes).GetEnumerator();
        int lastLine = 0;
        while (true)
        {
            // An I/O error in the middle of the file ends this file with a reject, not the run.
            IngestResult? failure = null;
            bool more;
            try
            {
                more = lines.MoveNext();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                more = false;
                failure = LineReject(rel, lastLine + 1, "unreadable",
                    $"{rel} line {lastLine + 1}: reading failed ({e.Message}); the lines before it were ingested, check the file and run again");
            }
            if (failure is not null) yield return failure;
            if (!more) yield break;

            var (lineNo, bytes, length) = lines.Current;
            lastLine = lineNo;
            if (bytes is null)
            {
                yield return LineReject(rel, lineNo, "too_large",
                    $"{rel} line {lineNo} is {length:N0} bytes, over the limit of {opts.MaxFileBytes:N0} bytes; split the record or raise the ingest max file size");
                continue;
            }
            if (IsBlank(bytes)) continue;
            yield return Guarded(rel, lineNo, () => IngestRecord(rel, lineNo, bytes));
        }
    }

    private static IngestResult IngestRecord(string rel, int lineNo, byte[] bytes)
    {
        if (!TextDecoder.IsValidUtf8(bytes, out _, out int bad))
            return LineReject(rel, lineNo, "undecodable",
                $"{rel} line {lineNo}: byte 0x{bytes[Math.Max(0, bad)]:X2} at column {Math.Max(0, bad) + 1} is not valid UTF-8 (JSON Lines must be UTF-8); re-save the file as UTF-8");

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            return LineReject(rel, lineNo, "malformed_json",
                $"{rel} line {lineNo} is not valid JSON ({e.Message.Split(" LineNumber:")[0].TrimEnd().TrimEnd('.')}, at byte {e.BytePositionInLine + 1}); fix or remove the line (the other lines were ingested)");
        }
        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return LineReject(rel, lineNo, "malformed_json",
                    $"{rel} line {lineNo} is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, expected an object with \"url\", \"title\" and \"html\" or \"text\"; fix or remove the line");

            string? bodyField = null, body = null;
            foreach (var f in BodyFields)
                if (root.TryGetProperty(f, out var v) && v.ValueKind == JsonValueKind.String)
                {
                    bodyField = f;
                    body = v.GetString();
                    break;
                }
            if (bodyField is null)
                return LineReject(rel, lineNo, "missing_field",
                    $"{rel} line {lineNo}: the record has no \"html\" or \"text\" field (\"content\" and \"markdown\" are accepted too); add the page content under one of them");
            if (string.IsNullOrWhiteSpace(body))
                return LineReject(rel, lineNo, "empty",
                    $"{rel} line {lineNo}: the record's \"{bodyField}\" is empty; fill it or remove the line");

            var format = bodyField switch { "html" => SourceFormats.Html, "markdown" => SourceFormats.Markdown, _ => SourceFormats.Text };
            var text = NormaliseNewlines(body!);
            var doc = new IngestedDocument
            {
                DocId = StableId(rel, lineNo),
                SourcePath = rel,
                RecordLine = lineNo,
                Format = format,
                Encoding = "utf-8",
                EncodingSource = EncodingSources.Default,
                ContentHash = Sha256Hex(bytes),
                Body = text,
                BodyStartLine = lineNo,
            };

            HtmlMetadata? html = format == SourceFormats.Html ? HtmlMetadata.Read(text) : null;
            doc.Title = StringField(root, "title") ?? html?.Title ?? TitleFromBody(text, format == SourceFormats.Markdown);
            doc.Url = StringField(root, "url", "canonical", "source") ?? html?.Url;
            doc.Author = AuthorField(root) ?? html?.Author;
            doc.Published = DateParsing.ParseUtc(StringField(root, "published", "published_at", "date", "datePublished")) ?? html?.Published;
            doc.MetadataJson = ToJson(w =>
            {
                w.WriteStartObject();
                foreach (var p in root.EnumerateObject())
                {
                    if (p.NameEquals(bodyField)) continue;
                    p.WriteTo(w);
                }
                if (html is not null)
                {
                    w.WritePropertyName("html_head");
                    html.WriteJson(w);
                }
                w.WriteEndObject();
            });
            return IngestResult.Of(doc);
        }
    }

    private static string? StringField(JsonElement o, params string[] names)
    {
        foreach (var n in names)
            if (o.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()))
                return v.GetString()!.Trim();
        return null;
    }

    private static string? AuthorField(JsonElement o)
    {
        foreach (var n in (string[])["author", "authors"])
        {
            if (!o.TryGetProperty(n, out var v)) continue;
            if (v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()))
                return FrontMatter.StripWikiLink(v.GetString())!.Trim();
            if (v.ValueKind == JsonValueKind.Array)
            {
                var names = v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String)
                    .Select(e => FrontMatter.StripWikiLink(e.GetString())!.Trim()).Where(s => s.Length > 0).ToList();
                if (names.Count > 0) return string.Join(", ", names);
            }
        }
        return null;
    }

    /// <summary>
    /// Lines of a stream as raw bytes (without "\n" / "\r\n", and without a UTF-8 BOM on line 1). A line longer than
    /// <paramref name="maxLineBytes"/> is not buffered: it comes back with null bytes and its length.
    /// </summary>
    internal static IEnumerable<(int Line, byte[]? Bytes, long Length)> ReadLines(Stream stream, long maxLineBytes)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        var line = new ArrayBufferWriter<byte>(1024);
        long length = 0;
        bool overflow = false;
        int lineNo = 1;
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                int start = 0;
                while (start < read)
                {
                    int nl = Array.IndexOf(buffer, (byte)'\n', start, read - start);
                    int end = nl < 0 ? read : nl;
                    int count = end - start;
                    length += count;
                    if (!overflow)
                    {
                        if (length > maxLineBytes + 1) // +1: a trailing '\r' is not counted against the limit
                        {
                            overflow = true;
                            line.Clear();
                        }
                        else line.Write(buffer.AsSpan(start, count));
                    }
                    if (nl < 0) break;
                    yield return Finish(lineNo++, line, length, overflow, maxLineBytes);
                    line.Clear();
                    length = 0;
                    overflow = false;
                    start = nl + 1;
                }
            }
            if (length > 0 || line.WrittenCount > 0)
                yield return Finish(lineNo, line, length, overflow, maxLineBytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        static (int, byte[]?, long) Finish(int lineNo, ArrayBufferWriter<byte> line, long length, bool overflow, long max)
        {
            var span = line.WrittenSpan;
            if (span.Length > 0 && span[^1] == (byte)'\r') { span = span[..^1]; length--; }
            if (lineNo == 1 && span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) { span = span[3..]; length -= 3; }
            if (overflow || length > max) return (lineNo, null, length);
            return (lineNo, span.ToArray(), length);
        }
    }

    private static bool IsBlank(byte[] bytes)
    {
        foreach (var b in bytes)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r')) return false;
        return true;
    }

    // ---- helpers ----

    /// <summary>Whatever goes wrong with one input becomes a reject for that input, never the end of the run.</summary>
    private static IngestResult Guarded(string rel, int? line, Func<IngestResult> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var where = line is null ? rel : $"{rel} line {line}";
            var reject = new Reject
            {
                SourcePath = rel,
                RecordLine = line,
                DocId = line is null ? null : StableId(rel, line),
                Stage = Stage,
                Reason = "error",
                Detail = $"{where}: unexpected {e.GetType().Name}: {e.Message}; please report this with the file attached",
            };
            return IngestResult.Rejected(reject);
        }
    }

    private static IngestResult FileReject(string rel, string reason, string detail) => IngestResult.Rejected(new Reject
    {
        SourcePath = rel,
        Stage = Stage,
        Reason = reason,
        Detail = detail.StartsWith(rel, StringComparison.Ordinal) ? detail : $"{rel}: {detail}",
    });

    private static IngestResult LineReject(string rel, int line, string reason, string detail) => IngestResult.Rejected(new Reject
    {
        SourcePath = rel,
        RecordLine = line,
        DocId = StableId(rel, line),
        Stage = Stage,
        Reason = reason,
        Detail = detail,
    });

    /// <summary>First 16 hex chars of SHA-256 over the relative path (UTF-8), or over "path#line" for a JSONL record.</summary>
    public static string StableId(string relativePath, int? recordLine = null)
    {
        var key = recordLine is { } l ? $"{relativePath}#{l}" : relativePath;
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    public static string Sha256Hex(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>CRLF and lone CR → LF (line numbers are unchanged); a leading U+FEFF is dropped.</summary>
    public static string NormaliseNewlines(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        if (text.IndexOf('\r') < 0) return text;
        return text.Replace("\r\n", "\n").Replace('\r', '\n');
    }

    private static string ToJson(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions)) write(w);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static readonly Regex AtxHeading = new(@"^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", RegexOptions.CultureInvariant);
    private static readonly Regex RuleLine = new(@"^\s*([-*_=~])(\s*\1)*\s*$", RegexOptions.CultureInvariant);
    private static readonly Regex Fence = new(@"^ {0,3}(```|~~~)", RegexOptions.CultureInvariant);

    /// <summary>Title from the body: the first Markdown heading (Markdown only), else the first non-empty line; markup stripped, at most 200 chars.</summary>
    public static string? TitleFromBody(string body, bool markdown)
    {
        var lines = body.Split('\n');
        if (markdown)
        {
            bool inFence = false;
            foreach (var l in lines)
            {
                if (Fence.IsMatch(l)) { inFence = !inFence; continue; }
                if (inFence) continue;
                var m = AtxHeading.Match(l);
                if (m.Success && StripMarkup(m.Groups[1].Value) is { Length: > 0 } h) return Clip(h);
            }
        }
        foreach (var l in lines)
        {
            if (markdown && Fence.IsMatch(l)) continue;
            if (RuleLine.IsMatch(l)) continue; // ---, ***, === : rules and setext underlines, not text
            var s = StripMarkup(l);
            if (s.Length > 0) return Clip(s);
        }
        return null;
    }

    private static readonly Regex HtmlCommentOrTag = new(@"<!--.*?-->|<!--.*$|</?[A-Za-z][^>]*>", RegexOptions.CultureInvariant);
    private static readonly Regex Image = new(@"!\[([^\]]*)\]\([^)]*\)", RegexOptions.CultureInvariant);
    private static readonly Regex Link = new(@"\[([^\]]*)\]\([^)]*\)", RegexOptions.CultureInvariant);
    private static readonly Regex LeadingMarkers = new(@"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)*", RegexOptions.CultureInvariant);
    private static readonly Regex Emphasis = new(@"(\*\*|__|\*|_|`|~~)(?=\S)(.+?)(?<=\S)\1", RegexOptions.CultureInvariant);

    internal static string StripMarkup(string line)
    {
        var s = HtmlCommentOrTag.Replace(line, "");
        s = Image.Replace(s, "$1");
        s = Link.Replace(s, "$1");
        s = LeadingMarkers.Replace(s, "");
        s = Emphasis.Replace(s, "$2");
        return s.Trim();
    }

    private static string Clip(string s)
    {
        if (s.Length <= 200) return s;
        int n = char.IsHighSurrogate(s[199]) ? 199 : 200;
        return s[..n].TrimEnd();
    }
}
