using BenchmarkDotNet.Attributes;
using ContentPipeline.Learning.Data;
using ContentPipeline.Learning.Features;
using ContentPipeline.Learning.Model;

namespace ContentPipeline.Benchmarks.Learning;

/// <summary>
/// Block classification speed: featurisation alone, full per-document prediction (features + two linear
/// stages + calibration + HMM smoothing) with a model trained here and with the committed model (text stage and
/// context trees too), and training on ~150 documents / ~5,000 blocks.
/// Blocks per second = <see cref="BlocksPerDocument"/> × documents / mean time.
/// </summary>
[MemoryDiagnoser]
public class LearningBenchmarks
{
    public const int Documents = 150;
    public const int BlocksPerDocument = 34;

    private List<LabeledDocument> _corpus = [];
    private BlockClassificationModel _model = null!;
    private BlockPredictionEngine _engine = null!;
    private BlockPredictionEngine _shippedEngine = null!;
    private BlockFeaturizer _featurizer = null!;
    private DocumentFeatures _features = null!;
    private BlockPrediction[] _output = [];

    [GlobalSetup]
    public void Setup()
    {
        _corpus = SyntheticCorpus.Create(Documents, BlocksPerDocument, seed: 42);
        _model = new BlockClassificationTrainer().Fit(_corpus);
        _engine = _model.CreatePredictionEngine();
        _shippedEngine = BlockClassificationModel.Load(RepositoryPaths.ShippedModel).CreatePredictionEngine();
        _featurizer = new BlockFeaturizer(_model.Featurizer);
        _features = new DocumentFeatures();
        _output = new BlockPrediction[BlocksPerDocument * 2];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _engine.Dispose();
        _shippedEngine.Dispose();
        _features.Dispose();
    }

    /// <summary>Featurise all 150 documents (5,100 blocks).</summary>
    [Benchmark]
    public int Featurize()
    {
        int total = 0;
        foreach (var doc in _corpus)
        {
            _featurizer.Featurize(doc.Document, _features);
            total += _features.Length;
        }
        return total;
    }

    /// <summary>Predict all 150 documents (5,100 blocks): features + model + smoothing.</summary>
    [Benchmark]
    public float Predict() => PredictAll(_engine);

    /// <summary>
    /// Predict the same 5,100 blocks with the committed model (pipelines/boilerplate/model): its text stage,
    /// its context trees and its featurizer settings, i.e. what the classify stage runs.
    /// </summary>
    [Benchmark]
    public float PredictShippedModel() => PredictAll(_shippedEngine);

    private float PredictAll(BlockPredictionEngine engine)
    {
        float sum = 0;
        foreach (var doc in _corpus)
        {
            engine.Predict(doc.Document, _output);
            sum += _output[0].SmoothedProbability;
        }
        return sum;
    }

    /// <summary>Train the full model (stacked stages with 5 inner folds, calibration, HMM) on 150 documents.</summary>
    [Benchmark]
    public BlockClassificationModel Train() => new BlockClassificationTrainer().Fit(_corpus);
}

/// <summary>Documents shaped like scraped pages: essay paragraphs (zh or en), then tickers, lists and footers.</summary>
public static class SyntheticCorpus
{
    private static readonly string[] EssayZh =
    [
        "人类天生就是工具的创造者，拥有强烈的探索和创新欲望，而正是这种驱动力推动世界不断向前发展。",
        "从某种意义上说，这只是人类技术进步长梯上的又一块基石，但它的出现标志着一个特殊时刻的到来。",
        "我们面前的经济增长看起来令人惊讶，我们甚至可以畅想：将来可以治愈所有疾病，有更多时间陪伴家人，并且可以充分实现每个人的创造力。",
        "当前，仍有大量人才因为缺乏资源而无法充分施展才华，而如果我们能改变这一点，全球创造力的爆发将带来难以估量的巨大福祉。",
    ];

    private static readonly string[] EssayEn =
    [
        "We are more capable not because of genetic change, but because we benefit from the infrastructure of society being way smarter and more capable than any one of us.",
        "It won't happen all at once, but we'll soon be able to work with AI that helps us accomplish much more than we ever could without AI.",
        "Here is one narrow way to look at human history: after thousands of years of compounding scientific discovery and technological progress, we have figured out how to melt sand.",
        "In three words: deep learning worked.",
    ];

    private static readonly string[] Chrome =
    [
        "- 数据：过去 24 小时全网爆仓 1.95 亿美元，多单爆仓 1.29 亿美元",
        "- 以太坊 L2 TVL 7 日涨幅 10.1%，升至 363.9 亿美元",
        "更多 >>",
        "10:32 Whale moves 2,000 ETH to Binance",
        "Share | Tweet | Email",
        "© 2024 Example Media. All rights reserved.",
        "- BTC $64,210 +2.3%   ETH $3,410 +1.1%",
        "Related: The 10 best budget laptops of 2024",
    ];

    public static List<LabeledDocument> Create(int documents, int blocksPerDocument, int seed)
    {
        var random = new Random(seed);
        var corpus = new List<LabeledDocument>(documents);
        for (int d = 0; d < documents; d++)
        {
            bool zh = d % 2 == 0;
            var essay = zh ? EssayZh : EssayEn;
            int content = blocksPerDocument * 2 / 3;
            var blocks = new List<TextBlock>(blocksPerDocument);
            var labels = new List<bool>(blocksPerDocument);
            for (int b = 0; b < blocksPerDocument; b++)
            {
                bool isChrome = b >= content || b == 0 && random.Next(3) == 0;
                string text = isChrome ? Chrome[random.Next(Chrome.Length)] : essay[random.Next(essay.Length)];
                var language = Languages(text);
                blocks.Add(new TextBlock(text, isChrome ? BlockKind.Line : BlockKind.Paragraph, language, Tokens(text)));
                labels.Add(isChrome);
            }
            corpus.Add(new LabeledDocument(new TextDocument($"doc{d:D4}", blocks), labels));
        }
        return corpus;
    }

    private static BlockLanguage Languages(string text)
    {
        int cjk = 0, latin = 0;
        foreach (char c in text)
        {
            if (c >= '\u4E00' && c <= '\u9FFF') cjk++;
            else if (char.IsAsciiLetter(c)) latin++;
        }
        return cjk > 0 && latin > 0 ? BlockLanguage.Mixed : cjk > 0 ? BlockLanguage.Chinese : BlockLanguage.English;
    }

    /// <summary>Stand-in tokens: Latin words split on spaces, CJK in two-character words.</summary>
    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c >= '\u4E00' && c <= '\u9FFF')
            {
                int len = i + 1 < text.Length && text[i + 1] >= '\u4E00' && text[i + 1] <= '\u9FFF' ? 2 : 1;
                tokens.Add(text.Substring(i, len));
                i += len;
                continue;
            }
            int start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && !(text[i] >= '\u4E00' && text[i] <= '\u9FFF')) i++;
            tokens.Add(text[start..i]);
        }
        return tokens;
    }
}
