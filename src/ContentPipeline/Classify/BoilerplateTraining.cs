using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ContentPipeline.Learning.Data;
using ContentPipeline.Learning.Evaluation;
using ContentPipeline.Learning.Model;

namespace ContentPipeline.Classify;

/// <summary>Quality of the classifier on a set of blocks, in the product's terms.</summary>
public sealed record QualityMetrics(
    long Blocks, long ContentBlocks, long BoilerplateBlocks,
    double ContentRecallByChars, double ContentRecall, double BoilerplateRecall, double BoilerplatePrecision,
    double Accuracy, double Auc, double F1, double LogLoss)
{
    public static QualityMetrics From(BinaryClassificationMetrics m) => new(
        m.Count, m.ConfusionMatrix.TrueNegative + m.ConfusionMatrix.FalsePositive, m.ConfusionMatrix.TruePositive + m.ConfusionMatrix.FalseNegative,
        m.WeightedNegativeRecall, m.NegativeRecall, m.PositiveRecall, m.PositivePrecision,
        m.Accuracy, m.AreaUnderRocCurve, m.F1Score, m.LogLoss);

    public Dictionary<string, object> ToJson() => new()
    {
        ["blocks"] = Blocks,
        ["content_blocks"] = ContentBlocks,
        ["boilerplate_blocks"] = BoilerplateBlocks,
        ["content_recall_chars"] = R(ContentRecallByChars),
        ["content_recall"] = R(ContentRecall),
        ["boilerplate_recall"] = R(BoilerplateRecall),
        ["boilerplate_precision"] = R(BoilerplatePrecision),
        ["accuracy"] = R(Accuracy),
        ["auc"] = R(Auc),
        ["f1"] = R(F1),
        ["log_loss"] = R(LogLoss),
    };

    private static object R(double v) => double.IsFinite(v) ? Math.Round(v, 6) : "NaN";
}

/// <summary>Metrics overall, per block language and per corpus folder (en/zh).</summary>
public sealed record QualityReport(QualityMetrics Overall, IReadOnlyList<(string Name, QualityMetrics Metrics)> ByLanguage,
    IReadOnlyList<(string Name, QualityMetrics Metrics)> ByCorpus)
{
    public static QualityReport Of(IReadOnlyList<ScoredBlock> scored, float threshold)
    {
        var byLanguage = new List<(string, QualityMetrics)>();
        foreach (var (language, m) in BlockMetrics.EvaluateByLanguage(scored, threshold))
            byLanguage.Add((TextBlock.LanguageCode(language), QualityMetrics.From(m)));
        var byCorpus = new List<(string, QualityMetrics)>();
        var groups = new SortedDictionary<string, List<ScoredBlock>>(StringComparer.Ordinal);
        foreach (var b in scored)
        {
            int slash = b.DocumentKey.IndexOf('/');
            var name = slash > 0 ? b.DocumentKey[..slash] : "";
            if (!groups.TryGetValue(name, out var list)) groups[name] = list = [];
            list.Add(b);
        }
        if (groups.Count > 1 || !groups.ContainsKey(""))
            foreach (var (name, list) in groups) byCorpus.Add((name, QualityMetrics.From(BlockMetrics.Evaluate(list, threshold))));
        return new QualityReport(QualityMetrics.From(BlockMetrics.Evaluate(scored, threshold)), byLanguage, byCorpus);
    }

    public Dictionary<string, object> ToJson()
    {
        var languages = new Dictionary<string, object>();
        foreach (var (name, m) in ByLanguage) languages[name] = m.ToJson();
        var corpora = new Dictionary<string, object>();
        foreach (var (name, m) in ByCorpus) corpora[name] = m.ToJson();
        return new() { ["overall"] = Overall.ToJson(), ["by_language"] = languages, ["by_corpus"] = corpora };
    }

    public void Write(TextWriter w)
    {
        w.WriteLine("  scope          blocks  content  boiler  content-recall(chars)  content-recall  boiler-recall  boiler-precision     AUC");
        void Row(string name, QualityMetrics m) => w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-12} {m.Blocks,8} {m.ContentBlocks,8} {m.BoilerplateBlocks,7} {P(m.ContentRecallByChars),22} {P(m.ContentRecall),15} {P(m.BoilerplateRecall),14} {P(m.BoilerplatePrecision),17} {m.Auc,7:F4}"));
        Row("overall", Overall);
        foreach (var (name, m) in ByLanguage) Row("lang=" + name, m);
        foreach (var (name, m) in ByCorpus) Row("corpus=" + name, m);
    }

    private static string P(double v) => double.IsFinite(v) ? (v * 100).ToString("F2", CultureInfo.InvariantCulture) + "%" : "-";
}

/// <summary>Entry points of <c>contentpipeline train</c> and <c>evaluate</c>.</summary>
public static class BoilerplateTraining
{
    public sealed record TrainResult(BlockClassificationModel Model, QualityReport CrossValidated, IReadOnlyList<QualityMetrics> Folds,
        List<LabelledDocument> Corpus, IReadOnlyList<ScoredBlock> OutOfFold, TimeSpan Elapsed);

    /// <summary>
    /// Loads the corpus, runs grouped k-fold cross-validation (documents never split), trains the final model on
    /// everything, records the cross-validated metrics in it, and writes the model and metrics.json.
    /// </summary>
    public static TrainResult Train(TrainingConfig config, LabelledCorpus.DocumentProcessor process, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var corpus = LabelledCorpus.Load(config.Corpus, process);
        var data = new List<LabeledDocument>(corpus.Count);
        long blocks = 0, boiler = 0;
        foreach (var doc in corpus)
        {
            data.Add(doc.ToLearning());
            blocks += doc.Blocks.Count;
            foreach (var b in doc.IsBoilerplate) if (b) boiler++;
        }
        log.WriteLine($"corpus: {corpus.Count} documents, {blocks} blocks ({boiler} boilerplate) from {config.Corpus}");
        if (corpus.Count < config.Folds)
            throw new ContentPipelineException($"{config.SourceFile}: folds: {config.Folds} folds need at least {config.Folds} documents; the corpus has {corpus.Count}.", ExitCodes.BadConfigOrUsage);
        var trainer = new BlockClassificationTrainer(config.Trainer);
        var threshold = (float)config.Threshold;
        var cv = trainer.CrossValidate(data, config.Folds);
        var outOfFold = new List<ScoredBlock>();
        var folds = new List<QualityMetrics>();
        foreach (var fold in cv)
        {
            outOfFold.AddRange(fold.ScoredHoldOutSet);
            folds.Add(QualityMetrics.From(BlockMetrics.Evaluate(fold.ScoredHoldOutSet, threshold)));
        }
        var report = QualityReport.Of(outOfFold, threshold);
        log.WriteLine($"grouped {config.Folds}-fold cross-validation (by document), threshold {threshold.ToString(CultureInfo.InvariantCulture)} on the smoothed probability:");
        report.Write(log);
        var sweep = ThresholdSweep(outOfFold);
        log.WriteLine("threshold sweep (cross-validated; pick classify.threshold by the cost of each error):");
        log.WriteLine("  threshold  content-recall(chars)  zh       en       boilerplate-recall  zh       en");
        foreach (var row in sweep)
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {row.Threshold,9:F2}  {row.Content,21:P2}  {row.ContentZh,7:P2}  {row.ContentEn,7:P2}  {row.Boilerplate,18:P2}  {row.BoilerplateZh,7:P2}  {row.BoilerplateEn,7:P2}"));
        var keeping = LowestThresholdKeeping(outOfFold, KeepContentShare);
        log.WriteLine(keeping is null
            ? $"no threshold up to 0.99 keeps {KeepContentShare:P1} of essay characters overall and in each half"
            : string.Create(CultureInfo.InvariantCulture,
                $"lowest threshold keeping {KeepContentShare:P1} of essay characters overall and in each half: {keeping.Threshold:F2} (content {keeping.Content:P2}, zh {keeping.ContentZh:P2}, en {keeping.ContentEn:P2}; boilerplate removed {keeping.Boilerplate:P2}, zh {keeping.BoilerplateZh:P2}, en {keeping.BoilerplateEn:P2})"));
        int worstCount = config.WorstBlocks;
        if (worstCount > 0)
        {
            var byKey = new Dictionary<string, LabelledDocument>(StringComparer.Ordinal);
            foreach (var doc in corpus) byKey[doc.Path] = doc;
            log.WriteLine($"worst out-of-fold blocks (label, smoothed probability of boilerplate, characters, file:line):");
            foreach (var b in WorstFirst(outOfFold, worstCount))
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {(b.Label ? "boilerplate" : "content    ")} p={b.Prediction.SmoothedProbability:F3} {b.Text.Length,5}ch  {b.DocumentKey}:{byKey[b.DocumentKey].Blocks[b.BlockIndex].SourceLine}  {Snippet(b.Text, 90)}"));
        }
        var fitClock = Stopwatch.StartNew();
        var model = trainer.Fit(data);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"final model on all {corpus.Count} documents fitted in {fitClock.Elapsed.TotalSeconds:F1}s (cross-validation before it: {(clock.Elapsed - fitClock.Elapsed).TotalSeconds:F1}s)"));
        var recorded = new Dictionary<string, double>();
        void Record(string prefix, QualityMetrics m)
        {
            recorded[prefix + ".content_recall_chars"] = m.ContentRecallByChars;
            recorded[prefix + ".content_recall"] = m.ContentRecall;
            recorded[prefix + ".boilerplate_recall"] = m.BoilerplateRecall;
            recorded[prefix + ".boilerplate_precision"] = m.BoilerplatePrecision;
            recorded[prefix + ".auc"] = m.Auc;
            recorded[prefix + ".blocks"] = m.Blocks;
        }
        Record("cv.overall", report.Overall);
        foreach (var (name, m) in report.ByLanguage) Record("cv.lang." + name, m);
        foreach (var (name, m) in report.ByCorpus) Record("cv.corpus." + name, m);
        recorded["cv.folds"] = config.Folds;
        recorded["cv.threshold"] = threshold;
        model = model.WithMetrics(recorded);
        model.Save(config.Output);
        var json = new Dictionary<string, object>
        {
            ["model"] = Path.GetFileName(config.Output),
            ["format_version"] = BlockClassificationModel.FormatVersion,
            ["training_data_hash"] = model.TrainingDataHash,
            ["documents"] = corpus.Count,
            ["blocks"] = blocks,
            ["boilerplate_blocks"] = boiler,
            ["folds"] = config.Folds,
            ["seed"] = config.Seed,
            ["threshold"] = config.Threshold,
            ["cross_validation"] = report.ToJson(),
            ["cross_validation_folds"] = folds.ConvertAll(f => (object)f.ToJson()),
            ["threshold_sweep"] = sweep.ConvertAll(SweepJson),
        };
        if (keeping is not null) json["lowest_threshold_keeping_99_5_percent"] = SweepJson(keeping);
        WriteJson(config.MetricsPath, json);
        log.WriteLine($"model: {config.Output}");
        log.WriteLine($"metrics: {config.MetricsPath}");
        return new TrainResult(model, report, folds, corpus, outOfFold, clock.Elapsed);
    }

    /// <summary>The share of essay characters the recommended operating point must keep, overall and per half.</summary>
    public const double KeepContentShare = 0.995;

    private static object SweepJson(SweepRow r) => new Dictionary<string, object>
    {
        ["threshold"] = r.Threshold,
        ["content_recall_chars"] = Math.Round(r.Content, 6),
        ["content_recall_chars_zh"] = Math.Round(r.ContentZh, 6),
        ["content_recall_chars_en"] = Math.Round(r.ContentEn, 6),
        ["boilerplate_recall"] = Math.Round(r.Boilerplate, 6),
        ["boilerplate_recall_zh"] = Math.Round(r.BoilerplateZh, 6),
        ["boilerplate_recall_en"] = Math.Round(r.BoilerplateEn, 6),
    };

    public sealed record SweepRow(double Threshold, double Content, double ContentZh, double ContentEn, double Boilerplate, double BoilerplateZh, double BoilerplateEn);

    /// <summary>Content kept (by characters) and boilerplate removed at thresholds 0.3 … 0.9, overall and per corpus (zh/, en/).</summary>
    public static List<SweepRow> ThresholdSweep(IReadOnlyList<ScoredBlock> scored)
    {
        var (zh, en) = SplitByCorpus(scored);
        var rows = new List<SweepRow>();
        foreach (var t in (float[])[0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.75f, 0.8f, 0.85f, 0.9f]) rows.Add(SweepAt(scored, zh, en, t));
        return rows;
    }

    /// <summary>
    /// The lowest threshold, in steps of 0.01, at which at least <paramref name="contentShare"/> of the essay characters
    /// are kept overall and in each corpus half that has content (zh/, en/); null if even 0.99 keeps less. This is the
    /// operating point for "never lose more than that much essay text", at the most boilerplate removed.
    /// </summary>
    public static SweepRow? LowestThresholdKeeping(IReadOnlyList<ScoredBlock> scored, double contentShare)
    {
        var (zh, en) = SplitByCorpus(scored);
        // Content kept only grows with the threshold, so "keeps enough" turns true once and stays true: bisect the
        // steps 1 … 99 instead of evaluating (and sorting, for the AUC) all of them.
        SweepRow? found = null;
        int lo = 1, hi = 99;
        while (lo <= hi)
        {
            int step = (lo + hi) >>> 1;
            var row = SweepAt(scored, zh, en, step / 100f);
            if (Keeps(row.Content) && Keeps(row.ContentZh) && Keeps(row.ContentEn)) { found = row; hi = step - 1; }
            else lo = step + 1;
        }
        return found;

        // a half with no essay characters (NaN) has nothing to lose
        bool Keeps(double share) => double.IsNaN(share) || share >= contentShare;
    }

    private static (List<ScoredBlock> Zh, List<ScoredBlock> En) SplitByCorpus(IReadOnlyList<ScoredBlock> scored)
    {
        var zh = new List<ScoredBlock>();
        var en = new List<ScoredBlock>();
        foreach (var b in scored)
        {
            if (b.DocumentKey.StartsWith("zh/", StringComparison.Ordinal)) zh.Add(b);
            else if (b.DocumentKey.StartsWith("en/", StringComparison.Ordinal)) en.Add(b);
        }
        return (zh, en);
    }

    private static SweepRow SweepAt(IReadOnlyList<ScoredBlock> scored, List<ScoredBlock> zh, List<ScoredBlock> en, float t)
    {
        var all = BlockMetrics.Evaluate(scored, t);
        var z = BlockMetrics.Evaluate(zh, t);
        var e = BlockMetrics.Evaluate(en, t);
        return new SweepRow(Math.Round(t, 2), all.WeightedNegativeRecall, z.WeightedNegativeRecall, e.WeightedNegativeRecall,
            all.PositiveRecall, z.PositiveRecall, e.PositiveRecall);
    }

    public static void WriteJson(string path, object value)
    {
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var text = JsonSerializer.Serialize(value, options) + "\n";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, text.Replace("\r\n", "\n"), new UTF8Encoding(false));
    }

    /// <summary>Scores a labelled corpus with a model: the quality report and the worst-classified blocks.</summary>
    public static (QualityReport Report, List<(ScoredBlock Block, LabelledDocument Document)> Worst) Evaluate(
        BlockClassificationModel model, IReadOnlyList<LabelledDocument> corpus, float threshold, int worst)
    {
        var data = new List<LabeledDocument>(corpus.Count);
        var byKey = new Dictionary<string, LabelledDocument>(StringComparer.Ordinal);
        foreach (var doc in corpus) { data.Add(doc.ToLearning()); byKey[doc.Path] = doc; }
        var scored = BlockClassificationTrainer.Score(model, data);
        var result = new List<(ScoredBlock, LabelledDocument)>();
        foreach (var e in WorstFirst(scored, worst)) result.Add((e, byKey[e.DocumentKey]));
        return (QualityReport.Of(scored, threshold), result);
    }

    /// <summary>The <paramref name="count"/> blocks farthest from their label (ties by document and index).</summary>
    public static List<ScoredBlock> WorstFirst(IReadOnlyList<ScoredBlock> scored, int count)
    {
        var errors = new List<ScoredBlock>(scored);
        errors.Sort((a, b) =>
        {
            double ea = a.Label ? 1 - a.Prediction.SmoothedProbability : a.Prediction.SmoothedProbability;
            double eb = b.Label ? 1 - b.Prediction.SmoothedProbability : b.Prediction.SmoothedProbability;
            int c = eb.CompareTo(ea);
            if (c != 0) return c;
            c = string.CompareOrdinal(a.DocumentKey, b.DocumentKey);
            return c != 0 ? c : a.BlockIndex.CompareTo(b.BlockIndex);
        });
        if (errors.Count > count) errors.RemoveRange(count, errors.Count - count);
        return errors;
    }

    public static string Snippet(string text, int max = 80)
    {
        var flat = text.Replace('\n', ' ');
        return flat.Length <= max ? flat : flat[..(max - 1)] + "…";
    }
}
