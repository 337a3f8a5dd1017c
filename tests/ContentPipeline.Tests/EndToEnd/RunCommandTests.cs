using ContentPipeline.Publish;
using ContentPipeline.Running;

namespace ContentPipeline.Tests.EndToEnd;

public class RunCommandTests
{
    private static readonly string[] Datasets = ["documents.parquet", "blocks.parquet", "boilerplate.parquet", "rejects.parquet"];

    [Fact]
    public void Run_on_a_copy_of_raw_publishes_every_input_as_a_document_or_a_reject()
    {
        using var ws = new CliWorkspace();
        var (code, stdout, stderr) = ws.Run("run", "--input", ws.Input, "--output", ws.Output);
        Assert.True(code == 0, stderr);
        foreach (var stage in new[] { "ingest", "normalise", "segment", "classify", "publish" })
            Assert.Contains(stage, stdout);

        var documents = ws.Read<PublishedDocument>("documents.parquet");
        var blocks = ws.Read<PublishedBlock>("blocks.parquet");
        var rejects = ws.Read<Reject>("rejects.parquet");
        Assert.Contains(documents, d => d.Title == "The Intelligence Age" && d.Author == "Sam Altman" && d.Language == "en");
        Assert.Contains(documents, d => d.Title == "The Gentle Singularity" && d.Language == "zh");
        Assert.Contains(documents, d => d.Title == "山姆·奥特曼提出AI经济学观察:未来有何趋势?");
        Assert.Contains(rejects, r => r.SourcePath == "misc/scanned-letter.txt" && r.Stage == "ingest" && r.Reason == "binary");
        Assert.Contains(rejects, r => r.SourcePath.EndsWith(".jsonl") && r.RecordLine is not null && r.Reason == "malformed_json");

        // Nothing is lost: every readable file is a document, every JSONL line a document or a reject.
        var inputs = Directory.GetFiles(ws.Input, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(ws.Input, p).Replace('\\', '/')).Where(p => !p.EndsWith(".pdf") && !p.EndsWith(".gitattributes")).ToList();
        foreach (var input in inputs)
            Assert.True(documents.Any(d => d.SourcePath == input) || rejects.Any(r => r.SourcePath == input), $"{input} is neither published nor rejected");
        foreach (var jsonl in inputs.Where(p => p.EndsWith(".jsonl")))
        {
            var lines = File.ReadAllLines(Path.Combine(ws.Input, jsonl)).Count(l => l.Trim().Length > 0);
            Assert.Equal(lines, documents.Count(d => d.SourcePath == jsonl) + rejects.Count(r => r.SourcePath == jsonl));
        }

        // Blocks, documents and the removed boilerplate agree; the default pipeline labels with the committed model.
        Assert.Equal(documents.Sum(d => d.BlockCount), blocks.Count);
        Assert.All(blocks, b => Assert.True(b.Label is "content" or "boilerplate"));
        Assert.All(blocks, b => Assert.InRange(b.Probability!.Value, 0, 1));
        var removed = ws.Read<BoilerplateBlock>("boilerplate.parquet");
        Assert.Equal(blocks.Count(b => b.Label == "boilerplate"), removed.Count);
        Assert.Equal(documents.Sum(d => d.BoilerplateBlockCount), removed.Count);
        var bitpush = documents.Single(d => d.SourcePath == "news/ai-economics-bitpush.txt");
        Assert.DoesNotContain("比推快讯", bitpush.Text);
        Assert.Contains("全球创造力的爆发将带来难以估量的巨大福祉", bitpush.Text);
        var seed = documents.Single(d => d.Title == "The Intelligence Age");
        Assert.DoesNotContain("<!--more-->", seed.Text);
        Assert.DoesNotContain("layout: post", seed.Text);
        Assert.StartsWith("In the next couple of decades", seed.Text);

        Assert.Single(Directory.GetFiles(Path.Combine(ws.Output, "_runs"), "*.json"));
        Assert.Empty(Directory.GetDirectories(Path.Combine(ws.Output, "_stages"), ".tmp-*"));
    }

    [Fact]
    public void Two_runs_publish_byte_identical_datasets()
    {
        using var ws = new CliWorkspace();
        Assert.Equal(0, ws.Run("run", "--output", Path.Combine(ws.Root, "a")).ExitCode);
        Assert.Equal(0, ws.Run("run", "--output", Path.Combine(ws.Root, "b")).ExitCode);
        foreach (var name in Datasets)
            Assert.Equal(File.ReadAllBytes(Path.Combine(ws.Root, "a", name)), File.ReadAllBytes(Path.Combine(ws.Root, "b", name)));
    }

    [Fact]
    public void Missing_input_folder_stops_before_anything_is_written()
    {
        using var ws = new CliWorkspace();
        var (code, _, stderr) = ws.Run("run", "--input", Path.Combine(ws.Root, "nope"), "--output", ws.Output);
        Assert.Equal(ExitCodes.BadConfigOrUsage, code);
        Assert.Contains("nope", stderr);
        Assert.False(Directory.Exists(ws.Output));
    }

    [Fact]
    public void Invalid_config_stops_before_anything_is_written_and_names_key_and_line()
    {
        using var ws = new CliWorkspace("input: raw\noutput: out\nclassify:\n  treshold: 0.4\n");
        var (code, _, stderr) = ws.Run("run");
        Assert.Equal(ExitCodes.BadConfigOrUsage, code);
        Assert.Contains("pipeline.yaml:4", stderr);
        Assert.Contains("classify.treshold", stderr);
        Assert.DoesNotContain("   at ", stderr); // a message, not a stack trace
        Assert.False(Directory.Exists(ws.Output));
    }

    [Fact]
    public void Unknown_stage_is_a_usage_error()
    {
        using var ws = new CliWorkspace();
        var (code, _, stderr) = ws.Run("run", "--stage", "tokenise");
        Assert.Equal(ExitCodes.BadConfigOrUsage, code);
        Assert.Contains("ingest → normalise → segment → classify → publish", stderr);
    }

    [Fact]
    public void A_second_run_on_a_locked_output_exits_3_at_once()
    {
        using var ws = new CliWorkspace();
        using (OutputLock.Acquire(ws.Output, "other-run"))
        {
            var (code, _, stderr) = ws.Run("run");
            Assert.Equal(ExitCodes.Locked, code);
            Assert.Contains("another run", stderr);
            Assert.Contains("other-run", stderr);
        }
        Assert.Equal(0, ws.Run("run").ExitCode); // released with its holder
    }

    [Fact]
    public void Stage_reruns_one_stage_from_the_persisted_output_of_the_one_before()
    {
        using var ws = new CliWorkspace();
        Assert.Equal(0, ws.Run("run").ExitCode);
        var before = StageCatalogManifests(ws);

        var (code, stdout, stderr) = ws.Run("run", "--stage", "normalise");
        Assert.True(code == 0, stderr);
        var after = StageCatalogManifests(ws);
        Assert.NotEqual(before["normalise"].RunId, after["normalise"].RunId);
        foreach (var other in new[] { "ingest", "segment", "classify", "publish" })
            Assert.Equal(before[other].RunId, after[other].RunId);
        Assert.Equal(before["normalise"].OutputFingerprint, after["normalise"].OutputFingerprint); // same input, same bytes
        Assert.DoesNotContain("segment ", stdout);

        Assert.Equal(0, ws.Run("run", "--from", "segment", "--to", "classify").ExitCode);
        var ranged = StageCatalogManifests(ws);
        Assert.NotEqual(after["segment"].RunId, ranged["segment"].RunId);
        Assert.NotEqual(after["classify"].RunId, ranged["classify"].RunId);
        Assert.Equal(after["publish"].RunId, ranged["publish"].RunId);
    }

    [Fact]
    public void Stage_without_its_predecessor_says_what_to_run()
    {
        using var ws = new CliWorkspace();
        var (code, _, stderr) = ws.Run("run", "--stage", "segment");
        Assert.NotEqual(0, code);
        Assert.Contains("normalise", stderr);
        Assert.Contains("--from", stderr);
    }

    [Fact]
    public void Stages_lists_last_runs_and_explains_staleness()
    {
        using var ws = new CliWorkspace();
        Assert.Contains("not run", ws.Run("stages").Stdout);
        Assert.Equal(0, ws.Run("run").ExitCode);
        var listing = ws.Run("stages").Stdout;
        Assert.Equal(5, listing.Split('\n').Count(l => l.Contains("up to date")));

        File.WriteAllText(ws.Config, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(ws.Config), @"threshold: [0-9.]+", "threshold: 0.65"));
        listing = ws.Run("stages").Stdout;
        Assert.Contains("stale: settings changed", listing.Split('\n').Single(l => l.StartsWith("classify")));
        Assert.Contains("up to date", listing.Split('\n').Single(l => l.StartsWith("segment")));
    }

    private static Dictionary<string, StageManifest> StageCatalogManifests(CliWorkspace ws) =>
        StageCatalog.All.ToDictionary(s => s.Name, s => StageManifest.TryLoad(Path.Combine(ws.Output, "_stages", s.Name))!);
}
