using BenchmarkDotNet.Attributes;
using ContentPipeline.Classify;
using ContentPipeline.Learning.Data;
using ContentPipeline.Learning.Model;

namespace ContentPipeline.Benchmarks.Learning;

/// <summary>
/// The committed model on real pages: every block of the labelled corpus (pipelines/boilerplate/corpus; the setup
/// prints how many documents and blocks), segmented by the pipeline's own ingest → normalise → segment in the setup,
/// then predicted (features + model + smoothing) as the classify stage does. Unlike <see cref="LearningBenchmarks"/>'s
/// synthetic documents, these have the corpus's mix of block lengths (mostly short lines), HTML containers and
/// jieba tokens. Blocks per second = <see cref="Blocks"/> / mean time.
/// </summary>
public class LabelledCorpusBenchmarks
{
    private List<TextDocument> _documents = [];
    private BlockPredictionEngine _engine = null!;
    private BlockPrediction[] _output = [];

    /// <summary>Number of blocks one <see cref="PredictLabelledCorpus"/> call predicts (set in the setup).</summary>
    public int Blocks { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var corpus = LabelledCorpus.Load(RepositoryPaths.Find("pipelines/boilerplate/corpus"), ClassifyInputs.Processor());
        int longest = 0;
        foreach (var doc in corpus)
        {
            var document = doc.ToLearning().Document;
            _documents.Add(document);
            Blocks += document.Count;
            longest = Math.Max(longest, document.Count);
        }
        _output = new BlockPrediction[longest];
        _engine = BlockClassificationModel.Load(RepositoryPaths.ShippedModel).CreatePredictionEngine();
        Console.WriteLine($"// labelled corpus: {_documents.Count} documents, {Blocks} blocks");
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    /// <summary>Predict every block of the labelled corpus with the committed model.</summary>
    [Benchmark]
    public float PredictLabelledCorpus()
    {
        float sum = 0;
        foreach (var document in _documents)
        {
            _engine.Predict(document, _output);
            sum += _output[0].SmoothedProbability;
        }
        return sum;
    }
}
