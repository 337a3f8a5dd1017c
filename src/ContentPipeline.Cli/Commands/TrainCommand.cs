using System.CommandLine;
using System.Globalization;
using ContentPipeline.Classify;

namespace ContentPipeline.Cli.Commands;

/// <summary>
/// <c>contentpipeline train [--config FILE]</c>: trains the boilerplate classifier on the labelled corpus,
/// prints grouped k-fold cross-validated metrics (overall, per language, per corpus) and writes the model and
/// metrics.json beside it. Deterministic: the same corpus and config give the same model bytes.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter stdout)
    {
        var config = new Option<string>("--config", "-c")
        {
            HelpName = "FILE",
            Description = $"training config (default {TrainingConfig.DefaultPath})",
            DefaultValueFactory = _ => TrainingConfig.DefaultPath,
        };
        var command = new Command("train", "Train the boilerplate classifier on the labelled corpus (grouped cross-validation, model + metrics.json)");
        command.Options.Add(config);
        command.SetAction(parseResult =>
        {
            var settings = TrainingConfig.Load(parseResult.GetValue(config)!);
            var result = BoilerplateTraining.Train(settings, ClassifyInputs.Processor(), stdout);
            var o = result.CrossValidated.Overall;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"done in {result.Elapsed.TotalSeconds:F1}s: content kept {o.ContentRecallByChars:P2} of characters, boilerplate removed {o.BoilerplateRecall:P2} of blocks (cross-validated)"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
