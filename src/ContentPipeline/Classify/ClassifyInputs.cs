using ContentPipeline.Config;
using ContentPipeline.Ingest;
using ContentPipeline.Running;
using ContentPipeline.Segment;

namespace ContentPipeline.Classify;

/// <summary>Where the classify commands get documents from: the pipeline's own ingest → normalise → segment.</summary>
public static class ClassifyInputs
{
    public const string DefaultModelPath = "pipelines/boilerplate/model/boilerplate.model";

    /// <summary>Processes one file's text in memory exactly as a pipeline run would, up to the segment stage.</summary>
    public static LabelledCorpus.DocumentProcessor Processor(PipelineConfig? config = null)
    {
        var pipeline = new InMemoryPipeline(config ?? new PipelineConfig());
        return pipeline.Process;
    }

    /// <summary>The single document of a file on disk, decoded as a run would.</summary>
    public static (IngestedDocument Document, List<SegmentedBlock> Blocks) ProcessFile(string path, PipelineConfig? config = null)
    {
        foreach (var item in new InMemoryPipeline(config ?? new PipelineConfig()).ProcessFile(path)) return item;
        throw new ContentPipelineException($"'{path}' holds no document.", ExitCodes.BadConfigOrUsage);
    }
}
