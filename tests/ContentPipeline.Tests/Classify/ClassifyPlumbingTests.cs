using ContentPipeline.Classify;
using ContentPipeline.Config;
using ContentPipeline.Running;

namespace ContentPipeline.Tests.Classify;

public class ClassifyPlumbingTests
{
    [Fact]
    public void Marker_lines_switch_labels_and_are_deleted_with_a_map_to_the_original_lines()
    {
        var text = "Title\n\nFirst paragraph.\n  <!-- label: boilerplate -->  \nShare | Tweet\n<!-- label: content -->\nLast paragraph.\n<!-- label: boilerplate-->\n";
        var (clean, labels, original) = LabelledCorpus.StripMarkers(text);
        Assert.Equal("Title\n\nFirst paragraph.\nShare | Tweet\nLast paragraph.\n<!-- label: boilerplate-->\n", clean); // not exactly a marker: left alone
        Assert.Equal([false, false, false, false, true, false, false, false], labels);
        Assert.Equal([0, 1, 2, 3, 5, 7, 8, 9], original);
    }

    [Fact]
    public void A_marker_inside_a_run_of_lines_does_not_change_the_block_kinds()
    {
        // Scraped text with no blank lines: the essay runs straight into the ticker, as in seed zh/004.
        var text = "第一段正文，说了一些事情。\n第二段正文，也说了一些事情。\n<!-- label: boilerplate -->\n快讯 更多 >>\n- 标题一\n- 标题二\n";
        var pipeline = new InMemoryPipeline(new PipelineConfig());
        var labelled = LabelledCorpus.LoadText("zh/900.txt", text, pipeline.Process);
        var (_, plain) = pipeline.Process("zh/900.txt", text.Replace("<!-- label: boilerplate -->\n", ""));
        Assert.Equal(plain.Select(b => (b.Kind, b.Text)), labelled.Blocks.Select(b => (b.Kind, b.Text)));
        Assert.Equal([false, false, true, true, true], labelled.IsBoilerplate);
        Assert.Equal([1, 2, 4, 5, 6], labelled.Blocks.Select(b => b.SourceLine)); // lines of the labelled file
    }

    [Fact]
    public void Corpus_documents_are_labelled_by_the_marker_in_force_at_each_block()
    {
        var text = "# A title\n\nAn essay paragraph that says something.\n\n<!-- label: boilerplate -->\n\n- Hot: prices soar\n- Hot: prices fall\n\n<!-- label: content -->\n\nA closing paragraph.\n";
        var pipeline = new InMemoryPipeline(new PipelineConfig());
        var doc = LabelledCorpus.LoadText("en/001.md", text, pipeline.Process);
        Assert.Equal([false, false, true, true, false], doc.IsBoilerplate);
        Assert.Equal("en", doc.Corpus);
        Assert.DoesNotContain(doc.Blocks, b => b.Text.Contains("label:", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_or_corrupt_models_are_user_errors_that_say_how_to_fix_them()
    {
        var dir = Directory.CreateTempSubdirectory("cp-classify-").FullName;
        try
        {
            var missing = Assert.Throws<ContentPipelineException>(() => BlockClassifier.Load(Path.Combine(dir, "none.model"), 0.5));
            Assert.Equal(ExitCodes.BadConfigOrUsage, missing.ExitCode);
            Assert.Contains("contentpipeline train", missing.Message);
            var corrupt = Path.Combine(dir, "corrupt.model");
            File.WriteAllText(corrupt, "not a model");
            var bad = Assert.Throws<ContentPipelineException>(() => BlockClassifier.Load(corrupt, 0.5));
            Assert.Contains("corrupt.model", bad.Message);
            Assert.Contains("contentpipeline train", bad.Message);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Training_config_is_strict_and_resolves_paths_against_its_folder()
    {
        var file = Path.Combine(Path.GetTempPath(), "train.yaml");
        var config = TrainingConfig.Parse("corpus: c\noutput: m/x.model\nfolds: 3\nfeaturizer:\n  hash_bits: 16\n  edge_tokens: 3\n", file);
        Assert.Equal(Path.Combine(Path.GetTempPath(), "c"), config.Corpus);
        Assert.Equal(3, config.Folds);
        Assert.Equal(16, config.Trainer.Featurizer.HashBits);
        Assert.Equal(3, config.Trainer.Featurizer.EdgeTokens);
        Assert.Equal(Path.Combine(Path.GetTempPath(), "m", "metrics.json"), config.MetricsPath);
        var e = Assert.Throws<ContentPipelineException>(() => TrainingConfig.Parse("folds: 5\nfoldz: 3\n", file));
        Assert.Contains(":2:", e.Message);
        Assert.Contains("foldz", e.Message);
        Assert.Throws<ContentPipelineException>(() => TrainingConfig.Parse("featurizer:\n  hash_bits: 40\n", file));
        Assert.Throws<ContentPipelineException>(() => TrainingConfig.Parse("featurizer:\n  edge_tokens: 5\n", file));
        Assert.True(TrainingConfig.Parse("text_stage: true\n", file).Trainer.TextStage);
        Assert.False(TrainingConfig.Parse("text_stage: false\n", file).Trainer.TextStage);
        Assert.Equal(0.75f, TrainingConfig.Parse("context_trees:\n  content_length_exponent: 0.75\n", file).Trainer.ContextTreeContentLengthExponent);
        Assert.Equal(0f, TrainingConfig.Parse("folds: 5\n", file).Trainer.ContextTreeContentLengthExponent);
        e = Assert.Throws<ContentPipelineException>(() => TrainingConfig.Parse("context_trees:\n  content_length_exponent: 3\n", file));
        Assert.Contains("content_length_exponent", e.Message);
    }

    [Fact]
    public void The_committed_training_config_loads()
    {
        var config = TrainingConfig.Load(Path.Combine(RepoPaths.Root, TrainingConfig.DefaultPath));
        Assert.Equal(5, config.Folds);
        Assert.EndsWith(Path.Combine("model", "boilerplate.model"), config.Output);
        Assert.True(Directory.Exists(config.Corpus));
        Assert.True(config.Trainer.TextStage);
        Assert.NotNull(config.Trainer.ContextTrees);
    }
}
