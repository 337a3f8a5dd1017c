using ContentPipeline.Cli;

namespace ContentPipeline.Tests.Classify;

/// <summary>The classify and evaluate commands, run in-process on the committed model.</summary>
public class ClassifyCommandsTests
{
    private static readonly string ModelPath = Path.Combine(RepoPaths.Root, "pipelines", "boilerplate", "model", "boilerplate.model");

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Classify_lists_every_block_with_label_probability_and_features()
    {
        var (code, stdout, stderr) = Run("classify", Path.Combine(RepoPaths.Raw, "news", "ai-economics-bitpush.txt"), "--model", ModelPath, "--top", "2");
        Assert.True(code == 0, stderr);
        Assert.Contains("比推快讯", stdout);
        Assert.Contains("boilerplate p=", stdout);
        Assert.Contains("content     p=", stdout);
        Assert.Matches(@"\n\s+[+-]\d+\.\d\d \S+", stdout);
    }

    [Fact]
    public void Evaluate_prints_metrics_and_the_worst_blocks()
    {
        var dir = Directory.CreateTempSubdirectory("cp-eval-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "en"));
            File.WriteAllText(Path.Combine(dir, "en", "001.md"),
                "# Why buses matter\n\nThe bus is the quiet workhorse of every city, carrying more people than any other mode.\n\n" +
                "It deserves better stops, better lanes and better timetables, and it would repay every penny.\n\n" +
                "<!-- label: boilerplate -->\n\nShare | Tweet | Email\n\n© 2024 Example Media. All rights reserved.\n");
            var (code, stdout, stderr) = Run("evaluate", "--data", dir, "--model", ModelPath, "--worst", "3");
            Assert.True(code == 0, stderr);
            Assert.Contains("overall", stdout);
            Assert.Contains("content-recall(chars)", stdout);
            Assert.Contains("worst-classified blocks", stdout);
            Assert.Contains("en/001.md:", stdout);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void User_errors_exit_with_code_2_and_no_stack_trace()
    {
        var (code, _, stderr) = Run("classify", Path.Combine(RepoPaths.Raw, "news", "ai-economics-bitpush.txt"), "--model", "/nonexistent/x.model");
        Assert.Equal(2, code);
        Assert.Contains("contentpipeline train", stderr);
        Assert.DoesNotContain("   at ", stderr);
        var (code2, _, stderr2) = Run("train", "--config", "/nonexistent/train.yaml");
        Assert.Equal(2, code2);
        Assert.Contains("train.yaml", stderr2);
    }
}
