using ContentPipeline.Learning.Data;

namespace ContentPipeline.Learning.Tests;

/// <summary>Small synthetic documents: essay paragraphs followed by a ticker of short news lines.</summary>
internal static class TestData
{
    private static readonly string[] Essay =
    [
        "We are more capable not because of genetic change, but because we benefit from the infrastructure of society.",
        "It won't happen all at once, but we will soon be able to work with tools that help us accomplish much more.",
        "The story of progress will continue, and our children will be able to do things we cannot imagine today.",
        "Prosperity alone does not necessarily make people happy, but it would meaningfully improve many lives.",
        "Here is one narrow way to look at human history: compounding discovery and technological progress.",
        "In three words: it simply worked.",
        "This may turn out to be the most consequential fact about all of history so far, and we should act wisely.",
    ];

    private static readonly string[] Ticker =
    [
        "- BTC rises 3.2% to $64,000 as ETF inflows hit $900M",
        "- Data: 24h liquidations reach $195M, longs $129M",
        "- ETH L2 TVL up 10.1% in 7 days to $36.4B",
        "More >>",
        "Share | Tweet | Email",
        "© 2024 Example Media. All rights reserved.",
        "10:32 Whale moves 2,000 ETH to exchange",
    ];

    public static TextBlock Block(string text, BlockKind kind = BlockKind.Paragraph) =>
        new(text, kind, BlockLanguage.English, text.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public static List<LabeledDocument> Corpus(int documents, int seed = 1)
    {
        var random = new Random(seed);
        var docs = new List<LabeledDocument>();
        for (int d = 0; d < documents; d++)
        {
            var blocks = new List<TextBlock>();
            var labels = new List<bool>();
            int essay = 3 + random.Next(5), ticker = 2 + random.Next(5);
            if (random.Next(2) == 0) { blocks.Add(Block(Ticker[3], BlockKind.Line)); labels.Add(true); }
            for (int i = 0; i < essay; i++) { blocks.Add(Block(Essay[random.Next(Essay.Length)])); labels.Add(false); }
            for (int i = 0; i < ticker; i++)
            {
                var text = Ticker[random.Next(Ticker.Length)];
                blocks.Add(Block(text, text.StartsWith("- ", StringComparison.Ordinal) ? BlockKind.ListItem : BlockKind.Line));
                labels.Add(true);
            }
            docs.Add(new LabeledDocument(new TextDocument($"doc-{d:D3}", blocks), labels));
        }
        return docs;
    }
}
