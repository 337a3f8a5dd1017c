using System.CommandLine;
using System.Globalization;
using ContentPipeline.Classify;

namespace ContentPipeline.Cli.Commands;

/// <summary>
/// <c>contentpipeline evaluate --data DIR [--model FILE] [--threshold P] [--worst N]</c>: scores a labelled
/// corpus with a trained model; prints the metrics and the worst-classified blocks.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(TextWriter stdout)
    {
        var data = new Option<string>("--data") { HelpName = "DIR", Description = "labelled corpus folder (.md/.txt/.html with label markers)", Required = true };
        var model = new Option<string>("--model")
        {
            HelpName = "FILE",
            Description = $"model file (default {ClassifyInputs.DefaultModelPath})",
            DefaultValueFactory = _ => ClassifyInputs.DefaultModelPath,
        };
        var threshold = new Option<double>("--threshold") { HelpName = "P", Description = "boilerplate when the smoothed probability ≥ P (default: the model's)", DefaultValueFactory = _ => double.NaN };
        var worst = new Option<int>("--worst") { HelpName = "N", Description = "how many of the worst-classified blocks to list (default 20)", DefaultValueFactory = _ => 20 };
        var command = new Command("evaluate", "Measure a trained boilerplate model on a labelled corpus");
        foreach (var option in new Option[] { data, model, threshold, worst }) command.Options.Add(option);
        command.SetAction(parseResult =>
        {
            var modelPath = parseResult.GetValue(model)!;
            if (!File.Exists(modelPath))
                throw new ContentPipelineException($"model file '{modelPath}' not found. Train one with `contentpipeline train` or pass --model FILE.", ExitCodes.BadConfigOrUsage);
            var trained = BlockClassifier.LoadModel(modelPath);
            double t = parseResult.GetValue(threshold);
            if (double.IsNaN(t)) t = trained.DecisionThreshold;
            if (t is < 0 or > 1) throw new ContentPipelineException($"--threshold: {t} is not a probability; use a value between 0 and 1.", ExitCodes.BadConfigOrUsage);
            int n = parseResult.GetValue(worst);
            if (n < 0) throw new ContentPipelineException("--worst: must be 0 or more.", ExitCodes.BadConfigOrUsage);
            var corpus = LabelledCorpus.Load(parseResult.GetValue(data)!, ClassifyInputs.Processor());
            var (report, worstBlocks) = BoilerplateTraining.Evaluate(trained, corpus, (float)t, n);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{corpus.Count} documents, model {modelPath}, threshold {t}"));
            report.Write(stdout);
            if (worstBlocks.Count > 0)
            {
                stdout.WriteLine();
                stdout.WriteLine("worst-classified blocks (label, smoothed probability of boilerplate, file:line):");
                foreach (var (block, doc) in worstBlocks)
                {
                    var label = block.Label ? "boilerplate" : "content    ";
                    var line = doc.Blocks[block.BlockIndex].SourceLine;
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {label} p={block.Prediction.SmoothedProbability:F3}  {block.DocumentKey}:{line}  {BoilerplateTraining.Snippet(block.Text, 70)}"));
                }
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
