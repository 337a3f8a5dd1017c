using System.CommandLine;
using System.Text;
using ContentPipeline.Jieba;

namespace ContentPipeline.Cli.Commands;

/// <summary>
/// <c>contentpipeline segment [FILE] [-d [DELIM]] [-a|--cut-all] [-n|--no-hmm] [--search] [-u USERDICT]</c>:
/// a drop-in for <c>python -m jieba</c>. One output line per input line, tokens joined by DELIM (default
/// <c>" / "</c>; <c>-d</c> alone means one space), UTF-8 in and out.
/// <para>
/// Lines are read as Python reads them: from a FILE with universal newlines (<c>\n</c>, <c>\r\n</c> and <c>\r</c>
/// all end a line), from standard input at <c>\n</c> only (a <c>\r</c> elsewhere stays in the line); in both cases
/// trailing <c>\r</c>/<c>\n</c> are stripped. A BOM is an ordinary character, as in Python.
/// </para>
/// </summary>
internal static class SegmentCommand
{
    private const int BufferChars = 1 << 20;

    public static Command Create(TextWriter stdout)
    {
        var file = new Argument<string?>("file")
        {
            Arity = ArgumentArity.ZeroOrOne,
            Description = "UTF-8 text to segment; standard input when omitted",
        };
        var delimiter = new Option<string?>("--delimiter", "-d")
        {
            Arity = ArgumentArity.ZeroOrOne,
            HelpName = "DELIM",
            Description = "token delimiter (default \" / \"); a space when given without DELIM",
        };
        var cutAll = new Option<bool>("--cut-all", "-a") { Description = "full mode: every dictionary word (jieba cut_all=True)" };
        var noHmm = new Option<bool>("--no-hmm", "-n") { Description = "don't use the hidden Markov model for unknown words" };
        var search = new Option<bool>("--search") { Description = "search-engine mode (jieba cut_for_search)" };
        var userDict = new Option<string?>("--user-dict", "-u")
        {
            HelpName = "USERDICT",
            Description = "user dictionary (jieba format: word [freq] [tag] per line) added to the default one",
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "accepted for compatibility with python -m jieba (nothing is logged anyway)" };
        var stats = new Option<bool>("--stats") { Description = "print dictionary load time and throughput to standard error" };

        var command = new Command("segment", "Chinese word segmentation, output identical to python -m jieba (jieba 0.42.1)");
        command.Arguments.Add(file);
        foreach (var option in new Option[] { delimiter, cutAll, noHmm, search, userDict, quiet, stats }) command.Options.Add(option);

        command.SetAction(parseResult =>
        {
            string delim = parseResult.GetResult(delimiter) is null ? " / " : parseResult.GetValue(delimiter) ?? " ";
            bool all = parseResult.GetValue(cutAll);
            bool hmm = !parseResult.GetValue(noHmm);
            bool forSearch = parseResult.GetValue(search);
            if (all && forSearch)
                throw new ContentPipelineException("segment: --cut-all and --search cannot be combined (jieba's cut_for_search has no full mode).", ExitCodes.BadConfigOrUsage);

            bool printStats = parseResult.GetValue(stats);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            if (printStats) JiebaSegmenter.Initialize(); // otherwise loaded on first use
            double loadMs = clock.Elapsed.TotalMilliseconds;
            var segmenter = new JiebaSegmenter();
            var userDictPath = parseResult.GetValue(userDict);
            if (userDictPath != null)
            {
                try { segmenter.LoadUserDict(userDictPath); }
                catch (InvalidDataException e) { throw new ContentPipelineException($"segment: {e.Message}", ExitCodes.BadConfigOrUsage, e); }
            }

            var path = parseResult.GetValue(file);
            if (path != null && !File.Exists(path))
                throw new ContentPipelineException($"segment: input file {path} does not exist.", ExitCodes.BadConfigOrUsage);
            using var input = path == null
                ? Console.OpenStandardInput()
                : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            // Console.Out flushes on every write; write the process's stdout through a large buffer instead.
            bool ownWriter = ReferenceEquals(stdout, Console.Out);
            var writer = ownWriter ? new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), BufferChars) : stdout;
            try
            {
                clock.Restart();
                var counting = new CountingStream(input);
                Segment(counting, universalNewlines: path != null, writer, segmenter, delim, all, hmm, forSearch);
                writer.Flush();
                if (printStats)
                {
                    double s = clock.Elapsed.TotalSeconds;
                    Console.Error.WriteLine(FormattableString.Invariant(
                        $"segment: dictionary load {loadMs:F1} ms; {counting.BytesRead / 1e6:F2} MB in {s * 1000:F1} ms = {counting.BytesRead / 1e6 / s:F2} MB/s (read, cut, write)"));
                }
            }
            finally
            {
                if (ownWriter) writer.Dispose();
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Joins a line's tokens into a large char buffer that goes to the writer in big blocks.</summary>
    private sealed class LineWriter(TextWriter writer, string delimiter)
    {
        private readonly TextWriter _writer = writer;
        private readonly string _delimiter = delimiter;
        private char[] _buffer = new char[1 << 16];
        private int _used;
        public bool First;

        public void Token(ReadOnlySpan<char> token)
        {
            if (!First) Append(_delimiter);
            First = false;
            Append(token);
        }

        public void EndLine() => Append("\n");

        private void Append(ReadOnlySpan<char> text)
        {
            if (_used + text.Length > _buffer.Length)
            {
                Flush();
                if (text.Length > _buffer.Length) Array.Resize(ref _buffer, text.Length);
            }
            text.CopyTo(_buffer.AsSpan(_used));
            _used += text.Length;
        }

        public void Flush()
        {
            _writer.Write(_buffer, 0, _used);
            _used = 0;
        }
    }

    private static void Segment(Stream input, bool universalNewlines, TextWriter writer, JiebaSegmenter segmenter,
        string delim, bool cutAll, bool hmm, bool search)
    {
        // No BOM detection: like Python's utf-8 codec, a BOM is an ordinary character of the first line.
        using var reader = new StreamReader(input, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, BufferChars);
        var state = new LineWriter(writer, delim);
        var buffer = new char[BufferChars];
        int start = 0, end = 0;
        bool eof = false;
        while (true)
        {
            // Find the end of the next line in buffer[start..end), reading more when needed.
            int scan = start;
            int lineEnd = -1, next = -1;
            while (true)
            {
                var data = buffer.AsSpan(scan, end - scan);
                int k = universalNewlines ? data.IndexOfAny('\n', '\r') : data.IndexOf('\n');
                if (k >= 0)
                {
                    int at = scan + k;
                    if (buffer[at] == '\r' && at + 1 == end && !eof)
                    {
                        // A '\r' at the end of the data: it may be half of "\r\n".
                        scan = at;
                    }
                    else
                    {
                        lineEnd = at;
                        next = buffer[at] == '\r' && at + 1 < end && buffer[at + 1] == '\n' ? at + 2 : at + 1;
                        break;
                    }
                }
                else scan = end;
                if (eof) break;
                // Make room and read more.
                if (start > 0)
                {
                    Array.Copy(buffer, start, buffer, 0, end - start);
                    scan -= start;
                    end -= start;
                    start = 0;
                }
                if (end == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                int read = reader.Read(buffer, end, buffer.Length - end);
                if (read == 0) eof = true;
                else end += read;
            }
            if (lineEnd < 0)
            {
                if (start == end) break; // no final unterminated line
                lineEnd = next = end;
            }
            var line = buffer.AsSpan(start, lineEnd - start).TrimEnd("\r\n");
            state.First = true;
            segmenter.Cut(line, state, static (s, token) => s.Token(token), cutAll, hmm, search);
            state.EndLine();
            start = next;
        }
        state.Flush();
    }

    /// <summary>Counts the bytes read through it, for --stats.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override int Read(Span<byte> buffer)
        {
            int n = inner.Read(buffer);
            BytesRead += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
