using System.CommandLine;
using System.Globalization;
using ContentPipeline.Classify;

namespace ContentPipeline.Cli.Commands;

/// <summary>
/// <c>contentpipeline classify FILE [--model FILE] [--threshold P] [--top N]</c>: every block of one document with
/// its label, probability of boilerplate and the features that drove it.
/// </summary>
internal static class ClassifyCommand
{
    public static Command Create(TextWriter stdout)
    {
        var file = new Argument<string>("file") { Description = "a .md, .txt or .html document" };
        var model = new Option<string>("--model")
        {
            HelpName = "FILE",
            Description = $"model file (default {ClassifyInputs.DefaultModelPath})",
            DefaultValueFactory = _ => ClassifyInputs.DefaultModelPath,
        };
        var threshold = new Option<double>("--threshold") { HelpName = "P", Description = "boilerplate when the smoothed probability ≥ P (default: the model's)", DefaultValueFactory = _ => double.NaN };
        var top = new Option<int>("--top") { HelpName = "N", Description = "features shown per block (default 3)", DefaultValueFactory = _ => 3 };
        var command = new Command("classify", "Label each block of one document as content or boilerplate, with the features that decided it");
        command.Arguments.Add(file);
        foreach (var option in new Option[] { model, threshold, top }) command.Options.Add(option);
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(file)!;
            if (!File.Exists(path)) throw new ContentPipelineException($"file '{path}' not found.", ExitCodes.BadConfigOrUsage);
            var modelPath = parseResult.GetValue(model)!;
            double t = parseResult.GetValue(threshold);
            var classifier = BlockClassifier.Load(modelPath, double.IsNaN(t) ? 0.5 : t);
            if (double.IsNaN(t)) classifier = new BlockClassifier(classifier.Model, classifier.Model.DecisionThreshold, classifier.Version);
            int n = parseResult.GetValue(top);
            if (n < 0) throw new ContentPipelineException("--top: must be 0 or more.", ExitCodes.BadConfigOrUsage);
            var (_, blocks) = ClassifyInputs.ProcessFile(path);
            var labels = new List<BlockLabel>();
            classifier.Label(blocks, labels);
            using var engine = classifier.Model.CreatePredictionEngine();
            var document = BlockClassifier.ToDocument(path, blocks);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {blocks.Count} blocks, model {modelPath} ({classifier.Version}), threshold {classifier.Threshold}"));
            int kept = 0;
            for (int i = 0; i < blocks.Count; i++)
            {
                var b = blocks[i];
                if (labels[i].Label == Labels.Content) kept++;
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{i,3}] line {b.SourceLine,4}  {labels[i].Label,-11} p={labels[i].Probability:F3}  {b.Kind}/{b.Language}  {BoilerplateTraining.Snippet(b.Text, 70)}"));
                if (n == 0) continue;
                foreach (var c in engine.Explain(document, i, n))
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"        {(c.Contribution > 0 ? "+" : "-")}{Math.Abs(c.Contribution):F2} {c.Name}"));
            }
            stdout.WriteLine($"{kept} content, {blocks.Count - kept} boilerplate");
            return ExitCodes.Ok;
        });
        return command;
    }
}
