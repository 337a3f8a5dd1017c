namespace ContentPipeline.Tests.EndToEnd;

public class InspectCommandTests
{
    [Fact]
    public void Inspect_prints_schema_row_groups_statistics_and_rows()
    {
        using var ws = new CliWorkspace();
        Assert.Equal(0, ws.Run("run").ExitCode);
        var (code, stdout, stderr) = ws.Run("inspect", Path.Combine(ws.Output, "documents.parquet"), "--rows", "1");
        Assert.True(code == 0, stderr);
        Assert.Contains("created_by: contentpipeline version", stdout);
        Assert.Contains("title: optional ByteArray STRING", stdout);
        Assert.Contains("published: optional Int64 TIMESTAMP", stdout);
        Assert.Matches(@"row group 0: \d+ rows", stdout);
        Assert.Matches(@"doc_id\s+ByteArray\s+Snappy", stdout);
        Assert.Contains("nulls=", stdout);
        Assert.Contains("[0]", stdout);
        Assert.DoesNotContain("[1]", stdout);
    }

    [Fact]
    public void Inspect_of_a_non_parquet_file_is_a_clear_error()
    {
        using var ws = new CliWorkspace();
        var path = Path.Combine(ws.Input, "essays", "the-intelligence-age.md");
        var (code, _, stderr) = ws.Run("inspect", path);
        Assert.Equal(ExitCodes.RunFailed, code);
        Assert.StartsWith("error:", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }
}
