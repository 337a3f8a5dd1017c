using ContentPipeline.Ingest;

namespace ContentPipeline.Running;

/// <summary>
/// Streams documents together with their rows from a later stage. Every stage keeps ingest's document order, so
/// this is a merge walk: memory holds one document's rows at a time. Documents without rows (rejected by an
/// earlier stage) are passed over.
/// </summary>
public static class DocumentJoin
{
    public static IEnumerable<(IngestedDocument Document, List<T> Rows)> Join<T>(
        IEnumerable<IngestedDocument> documents, IEnumerable<T> rows, Func<T, string> docIdOf, string rowsStage)
    {
        using var row = rows.GetEnumerator();
        var hasRow = row.MoveNext();
        foreach (var doc in documents)
        {
            if (!hasRow || docIdOf(row.Current) != doc.DocId) continue;
            var group = new List<T>();
            while (hasRow && docIdOf(row.Current) == doc.DocId)
            {
                group.Add(row.Current);
                hasRow = row.MoveNext();
            }
            yield return (doc, group);
        }
        if (hasRow)
            throw new ContentPipelineException(
                $"the output of stage '{rowsStage}' holds document {docIdOf(row.Current)}, which ingest no longer lists: " +
                $"the stages are out of step. Run 'contentpipeline run --from ingest'.");
    }

    /// <summary>Consecutive rows of the same document, in order.</summary>
    public static IEnumerable<List<T>> GroupByDocument<T>(IEnumerable<T> rows, Func<T, string> docIdOf)
    {
        List<T>? group = null;
        foreach (var r in rows)
        {
            if (group is not null && docIdOf(group[0]) != docIdOf(r))
            {
                yield return group;
                group = null;
            }
            (group ??= []).Add(r);
        }
        if (group is not null) yield return group;
    }
}
