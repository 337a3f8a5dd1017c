using ContentPipeline.Publish;

namespace ContentPipeline.Ingest;

public enum IngestResultKind
{
    /// <summary>A document was read: <see cref="IngestResult.Document"/> is set.</summary>
    Document,
    /// <summary>The input (or one JSONL line) could not be read: <see cref="IngestResult.Reject"/> is set.</summary>
    Reject,
    /// <summary>The file's extension is not configured; it was left alone (count these for the run summary).</summary>
    Skipped,
}

/// <summary>What ingest made of one input: a document, a reject, or a skipped file.</summary>
public sealed class IngestResult
{
    private IngestResult(IngestResultKind kind, string sourcePath, int? recordLine, IngestedDocument? document, Reject? reject)
    {
        Kind = kind;
        SourcePath = sourcePath;
        RecordLine = recordLine;
        Document = document;
        Reject = reject;
    }

    public IngestResultKind Kind { get; }
    /// <summary>Path relative to the input root, '/' separated.</summary>
    public string SourcePath { get; }
    /// <summary>1-based JSONL line, null for whole files.</summary>
    public int? RecordLine { get; }
    public IngestedDocument? Document { get; }
    public Reject? Reject { get; }

    public static IngestResult Of(IngestedDocument document) =>
        new(IngestResultKind.Document, document.SourcePath, document.RecordLine, document, null);

    public static IngestResult Rejected(Reject reject) =>
        new(IngestResultKind.Reject, reject.SourcePath, reject.RecordLine, null, reject);

    public static IngestResult Skip(string sourcePath) =>
        new(IngestResultKind.Skipped, sourcePath, null, null, null);

    public override string ToString() => Kind switch
    {
        IngestResultKind.Document => $"document {Document!.DocId} {SourcePath}{(RecordLine is { } l ? "#" + l : "")}",
        IngestResultKind.Reject => $"reject {SourcePath}{(RecordLine is { } l ? "#" + l : "")}: {Reject!.Reason} ({Reject.Detail})",
        _ => $"skipped {SourcePath}",
    };
}
