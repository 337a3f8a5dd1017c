using System.Text.Json;
using ContentPipeline.Classify;
using ContentPipeline.Learning.Model;

namespace ContentPipeline.Tests.Classify;

/// <summary>The committed model is the one `contentpipeline train` makes from the committed corpus and config.</summary>
public class CommittedModelTests
{
    private static readonly string ModelDir = Path.Combine(RepoPaths.Root, "pipelines", "boilerplate", "model");

    [Fact]
    public void Model_records_its_cross_validated_metrics_and_matches_metrics_json()
    {
        var model = BlockClassifier.LoadModel(Path.Combine(ModelDir, "boilerplate.model"));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(ModelDir, "metrics.json")));
        var root = json.RootElement;
        Assert.Equal(model.TrainingDataHash, root.GetProperty("training_data_hash").GetString());
        Assert.Equal(BlockClassificationModel.FormatVersion, root.GetProperty("format_version").GetInt32());
        double recall = root.GetProperty("cross_validation").GetProperty("overall").GetProperty("content_recall_chars").GetDouble();
        // metrics.json rounds to 6 decimals: compare within that, not by rounding both to 5 (0.9959349 vs 0.995935)
        Assert.Equal(recall, model.Metrics["cv.overall.content_recall_chars"], tolerance: 1e-6);
        Assert.Equal(5, model.Metrics["cv.folds"]);
    }

    [Fact]
    public void Model_was_trained_on_the_committed_corpus()
    {
        var config = TrainingConfig.Load(Path.Combine(RepoPaths.Root, TrainingConfig.DefaultPath));
        var corpus = LabelledCorpus.Load(config.Corpus, ClassifyInputs.Processor());
        var hash = BlockClassificationTrainer.DataHash(corpus.ConvertAll(d => d.ToLearning()));
        var model = BlockClassifier.LoadModel(Path.Combine(ModelDir, "boilerplate.model"));
        Assert.True(hash == model.TrainingDataHash,
            "the labelled corpus (or the ingest/normalise/segment output for it) changed since the model was trained: run `contentpipeline train` and commit pipelines/boilerplate/model/");
    }
}
