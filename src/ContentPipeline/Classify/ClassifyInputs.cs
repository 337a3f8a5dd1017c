namespace ContentPipeline.Classify;

/// <summary>Where the classify commands get documents from: the pipeline's own ingest → normalise → segment.</summary>
public static class ClassifyInputs
{
    public const string DefaultModelPath = "pipelines/boilerplate/model/boilerplate.model";

    /// <summary>Processes one file's text in memory exactly as a pipeline run would, up to the segment stage.</summary>
    public static LabelledCorpus.DocumentProcessor Processor() =>
        (_, _) => throw new ContentPipelineException("the in-memory ingest → normalise → segment path is not available in this build yet.", ExitCodes.RunFailed);
}
