using ContentPipeline.Config;

namespace ContentPipeline.Tests.Config;

public class ConfigLoaderTests
{
    private static ContentPipelineException Fails(string yaml) =>
        Assert.Throws<ContentPipelineException>(() => ConfigLoader.Parse(yaml, "/tmp/x/pipeline.yaml"));

    [Fact]
    public void The_repository_default_loads_with_paths_resolved_against_its_folder()
    {
        var path = Path.Combine(RepoPaths.Root, "pipeline.yaml");
        var config = ConfigLoader.Load(path);
        Assert.Equal(Path.Combine(RepoPaths.Root, "raw"), config.Input);
        Assert.Equal(Path.Combine(RepoPaths.Root, "out"), config.Output);
        Assert.Equal("NFC", config.Normalise.UnicodeForm);
        Assert.Equal("snappy", config.Publish.Compression);
    }

    [Fact]
    public void Empty_file_gives_defaults()
    {
        var config = ConfigLoader.Parse("", "/tmp/x/pipeline.yaml");
        Assert.Equal("/tmp/x/raw", config.Input);
        Assert.Equal(0.5, config.Classify.Threshold);
    }

    [Fact]
    public void Unknown_key_is_named_with_its_line()
    {
        var e = Fails("input: raw\nnormalise:\n  unicode_form: NFC\n  colapse_whitespace: true\n");
        Assert.Equal(ExitCodes.BadConfigOrUsage, e.ExitCode);
        Assert.Contains("pipeline.yaml:4", e.Message);
        Assert.Contains("normalise.colapse_whitespace", e.Message);
        Assert.Contains("collapse_whitespace", e.Message); // the known keys are listed
    }

    [Fact]
    public void Unknown_top_level_key_is_rejected()
    {
        var e = Fails("inputs: raw\n");
        Assert.Contains("pipeline.yaml:1", e.Message);
        Assert.Contains("'inputs'", e.Message);
    }

    [Theory]
    [InlineData("classify:\n  threshold: high\n", "classify.threshold", 2)]
    [InlineData("classify:\n  threshold: 1.5\n", "classify.threshold", 2)]
    [InlineData("normalise:\n  remove_zero_width: maybe\n", "normalise.remove_zero_width", 2)]
    [InlineData("publish:\n  compression: lz4\n", "publish.compression", 2)]
    [InlineData("ingest:\n  max_file_bytes: -3\n", "ingest.max_file_bytes", 2)]
    [InlineData("ingest:\n  text_extensions: txt\n", "ingest.text_extensions", 2)]
    [InlineData("segment: [1, 2]\n", "segment", 1)]
    [InlineData("input:\n  - a\n", "input", 2)]
    public void Wrong_type_names_key_and_line(string yaml, string key, int line)
    {
        var e = Fails(yaml);
        Assert.Contains($"'{key}'", e.Message);
        Assert.Contains($"pipeline.yaml:{line}:", e.Message);
    }

    [Fact]
    public void Invalid_yaml_names_the_line()
    {
        var e = Fails("input: raw\noutput: [unclosed\n");
        Assert.Contains("not valid YAML", e.Message);
        Assert.Equal(ExitCodes.BadConfigOrUsage, e.ExitCode);
    }

    [Fact]
    public void Config_hash_changes_with_a_setting_and_not_with_paths()
    {
        var a = ConfigLoader.Parse("normalise:\n  unicode_form: NFC\n", "/tmp/a/pipeline.yaml");
        var b = ConfigLoader.Parse("normalise:\n  unicode_form: NFKC\n", "/tmp/a/pipeline.yaml");
        var c = ConfigLoader.Parse("output: elsewhere\nnormalise:\n  unicode_form: NFC\n", "/tmp/b/pipeline.yaml");
        Assert.NotEqual(a.Hash(), b.Hash());
        Assert.Equal(a.Hash(), c.Hash());
        Assert.NotEqual(PipelineConfig.HashOf(a.Normalise), PipelineConfig.HashOf(b.Normalise));
    }
}
