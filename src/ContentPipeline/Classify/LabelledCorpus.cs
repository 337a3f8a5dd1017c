using ContentPipeline.Ingest;
using ContentPipeline.Learning.Data;
using ContentPipeline.Segment;

namespace ContentPipeline.Classify;

/// <summary>One labelled corpus document: its segmented blocks and a label per block.</summary>
public sealed record LabelledDocument(string Path, IngestedDocument Document, List<SegmentedBlock> Blocks, bool[] IsBoilerplate)
{
    /// <summary>"en" or "zh": the corpus folder the file sits in (first path segment).</summary>
    public string Corpus => Path.Contains('/') ? Path[..Path.IndexOf('/')] : "";

    public LabeledDocument ToLearning() => new(BlockClassifier.ToDocument(Path, Blocks), IsBoilerplate);
}

/// <summary>
/// Reads the labelled boilerplate corpus (<c>pipelines/boilerplate/corpus/{en,zh}/</c>): .md, .txt and .html files
/// in which a line whose trimmed content is exactly <c>&lt;!-- label: boilerplate --&gt;</c> or
/// <c>&lt;!-- label: content --&gt;</c> switches the label for the lines that follow (a document starts as content).
/// Marker lines are deleted — the text is then the page a scraper would have produced; blanking them instead would
/// split a chunk exactly at the label boundary and leak the label into the block kinds. The text goes through the
/// pipeline's own ingest → normalise → segment, each block takes the label in force at its start line, and its
/// <see cref="SegmentedBlock.SourceLine"/> is mapped back to the line of the labelled file.
/// </summary>
public static class LabelledCorpus
{
    public const string BoilerplateMarker = "<!-- label: boilerplate -->";
    public const string ContentMarker = "<!-- label: content -->";
    private static readonly string[] Extensions = [".md", ".txt", ".html"];

    /// <summary>Processes one file's text the way the pipeline does (ingest → normalise → segment).</summary>
    public delegate (IngestedDocument Document, List<SegmentedBlock> Blocks) DocumentProcessor(string relativePath, string text);

    public static List<LabelledDocument> Load(string root, DocumentProcessor process)
    {
        if (!Directory.Exists(root))
            throw new ContentPipelineException($"labelled corpus folder '{root}' not found. Fix `corpus:` in the training config or pass --data.", ExitCodes.BadConfigOrUsage);
        var files = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            // Documentation beside the corpus (README.md, NOTES.md ...) is not a labelled document.
            var name = System.IO.Path.GetFileName(file);
            if (name.StartsWith("README", StringComparison.OrdinalIgnoreCase) || name.StartsWith("LICENSE", StringComparison.OrdinalIgnoreCase)) continue;
            if (Array.IndexOf(Extensions, System.IO.Path.GetExtension(file).ToLowerInvariant()) >= 0) files.Add(file);
        }
        files.Sort(StringComparer.Ordinal);
        var documents = new List<LabelledDocument>(files.Count);
        foreach (var file in files)
        {
            var rel = System.IO.Path.GetRelativePath(root, file).Replace('\\', '/');
            var doc = LoadText(rel, File.ReadAllText(file), process);
            if (doc.Blocks.Count > 0) documents.Add(doc);
        }
        if (documents.Count == 0)
            throw new ContentPipelineException($"labelled corpus folder '{root}' has no .md, .txt or .html documents with text.", ExitCodes.BadConfigOrUsage);
        return documents;
    }

    /// <summary>
    /// The text with marker lines deleted; for each 1-based line of it (index 0 unused) the label in force and the
    /// line it had in the labelled file.
    /// </summary>
    public static (string Text, bool[] LineIsBoilerplate, int[] OriginalLine) StripMarkers(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var kept = new List<string>(lines.Length);
        var labels = new List<bool>(lines.Length + 1) { false };
        var original = new List<int>(lines.Length + 1) { 0 };
        bool current = false;
        for (int i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].AsSpan().Trim();
            if (trimmed.SequenceEqual(BoilerplateMarker)) { current = true; continue; }
            if (trimmed.SequenceEqual(ContentMarker)) { current = false; continue; }
            kept.Add(lines[i]);
            labels.Add(current);
            original.Add(i + 1);
        }
        return (string.Join('\n', kept), labels.ToArray(), original.ToArray());
    }

    public static LabelledDocument LoadText(string relativePath, string text, DocumentProcessor process)
    {
        var (clean, lineLabels, originalLine) = StripMarkers(text);
        var (document, blocks) = process(relativePath, clean);
        var labels = new bool[blocks.Count];
        for (int i = 0; i < blocks.Count; i++)
        {
            int line = blocks[i].SourceLine;
            if (line < 1 || line >= lineLabels.Length)
                throw new ContentPipelineException($"{relativePath}: block {i} starts at line {line}, outside the file's {lineLabels.Length - 1} lines.", ExitCodes.RunFailed);
            labels[i] = lineLabels[line];
            blocks[i].SourceLine = originalLine[line];
        }
        return new LabelledDocument(relativePath, document, blocks, labels);
    }
}
