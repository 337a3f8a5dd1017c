using ContentPipeline.Publish;
using ContentPipeline.Running;

namespace ContentPipeline.Tests.EndToEnd;

/// <summary>A scheduled run killed at any point leaves the published datasets readable, and the next run completes.</summary>
public class CrashRecoveryTests
{
    private const string AddedParagraph = "We added this paragraph after the first run, so the second run has new work to publish.";

    [Theory]
    [InlineData("segment:before-swap")]
    [InlineData("publish:before-swap")]
    [InlineData("publish:mid-publish")]
    public void A_run_killed_mid_way_leaves_the_last_datasets_readable_and_the_next_run_completes(string fault)
    {
        using var ws = new CliWorkspace();
        Assert.Equal(0, ws.Run("run").ExitCode);
        var published = ws.Read<PublishedDocument>("documents.parquet").Count;

        // Change an input so the crashed run has something new to write.
        File.AppendAllText(Path.Combine(ws.Input, "essays", "the-intelligence-age.md"), "\n\n" + AddedParagraph + "\n");
        var crashed = ws.RunProcess(new Dictionary<string, string> { [PipelineRunner.FaultVariable] = fault }, "run");
        Assert.NotEqual(0, crashed.ExitCode);

        // Whatever the crash point, each dataset is a complete file: old or new, never half-written.
        Assert.Equal(published, ws.Read<PublishedDocument>("documents.parquet").Count);
        Assert.NotEmpty(ws.Read<PublishedBlock>("blocks.parquet"));
        ws.Read<Reject>("rejects.parquet");

        var rerun = ws.RunProcess(null, "run");
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        Assert.Contains(ws.Read<PublishedBlock>("blocks.parquet"), b => b.Text == AddedParagraph);
        Assert.Empty(Directory.GetDirectories(Path.Combine(ws.Output, "_stages"), ".*"));
        Assert.Equal(5, Directory.GetDirectories(Path.Combine(ws.Output, "_stages")).Length);
    }
}
