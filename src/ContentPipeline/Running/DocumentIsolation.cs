using ContentPipeline.Publish;

namespace ContentPipeline.Running;

/// <summary>
/// Per-document isolation for stages that work document by document: an exception while handling one document
/// becomes a reject for that document (stage, reason "error", the message), and the run goes on.
/// </summary>
public static class DocumentIsolation
{
    public static bool TryProcess(string stage, string docId, string sourcePath, int? recordLine, Action work,
        ParquetTable.TableWriter<Reject> rejects)
    {
        try
        {
            work();
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException and not ContentPipelineException)
        {
            rejects.Write(new Reject
            {
                SourcePath = sourcePath,
                RecordLine = recordLine,
                DocId = docId,
                Stage = stage,
                Reason = "error",
                Detail = $"{e.GetType().Name}: {e.Message}",
            });
            return false;
        }
    }
}
