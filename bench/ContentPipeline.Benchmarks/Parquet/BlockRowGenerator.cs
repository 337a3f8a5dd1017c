using System.Text;

namespace ContentPipeline.Benchmarks.Parquet;

/// <summary>
/// Deterministic rows shaped like blocks.parquet: documents of 1–40 blocks, each block ~100 characters of mixed
/// Chinese/English text drawn from a fixed vocabulary, its tokens, a two-valued label and a probability.
/// The same seed gives the same rows on every machine (a private xorshift generator, not System.Random).
/// </summary>
public static class BlockRowGenerator
{
    private static readonly string[] Chinese =
    [
        "我们", "内容", "分类", "模型", "数据", "文章", "段落", "首页", "登录", "注册", "中文", "处理", "系统", "设计",
        "实现", "问题", "发展", "经济", "社会", "文化", "历史", "研究", "方法", "结果", "分析", "技术", "网络", "用户",
        "信息", "服务", "产品", "市场", "公司", "管理", "政策", "教育", "学生", "老师", "时间", "今天", "明天", "城市",
        "国家", "世界", "人民", "工作", "生活", "重要", "需要", "可以", "没有", "已经", "因为", "所以", "但是", "如果",
        "的", "是", "在", "了", "和", "有", "也", "就", "都", "而", "及", "与", "着", "或", "一个", "这个", "那个",
        "版权所有", "隐私政策", "联系我们", "返回顶部", "上一篇", "下一篇", "相关阅读", "热门文章", "分享到",
    ];

    private static readonly string[] English =
    [
        "the", "of", "and", "to", "in", "is", "that", "for", "it", "as", "was", "with", "be", "by", "on", "not",
        "pipeline", "document", "block", "content", "boilerplate", "model", "data", "parquet", "column", "row",
        "essay", "paragraph", "sentence", "language", "token", "segment", "classify", "publish", "normalise",
        "cookie", "privacy", "policy", "copyright", "navigation", "menu", "home", "login", "share", "subscribe",
        "research", "history", "culture", "economy", "society", "network", "service", "market", "system", "design",
        "2024", "2025", "v1.2", "GPU", "AI", "API", "URL", "HTML", "JSON", "UTF-8",
    ];

    /// <summary>Generates <paramref name="count"/> rows from <paramref name="seed"/>.</summary>
    public static List<BlockRow> Generate(int count, ulong seed = 0x5EED_B10C_5u)
    {
        var rng = new XorShift(seed);
        var rows = new List<BlockRow>(count);
        var text = new StringBuilder(160);
        int doc = 0;
        int blocksLeft = 0;
        int blockIndex = 0;
        string docId = "";
        for (int i = 0; i < count; i++)
        {
            if (blocksLeft == 0)
            {
                doc++;
                docId = "doc-" + (rng.Next() & 0xFFFF_FFFF_FFFFul).ToString("x12") + "-" + doc.ToString("d7");
                blocksLeft = 1 + (int)(rng.Next() % 40);
                blockIndex = 0;
            }

            blocksLeft--;
            bool chineseBlock = rng.Next() % 3 != 0;
            int targetChars = 60 + (int)(rng.Next() % 81); // 60..140, mean ~100
            var tokens = new List<string>(48);
            text.Clear();
            while (text.Length < targetChars)
            {
                // mostly one script per block, with the other mixed in
                bool chinese = rng.Next() % 10 < (chineseBlock ? 8u : 2u);
                string word = chinese ? Chinese[rng.Next() % (ulong)Chinese.Length] : English[rng.Next() % (ulong)English.Length];
                if (!chinese && text.Length > 0)
                {
                    text.Append(' ');
                }

                text.Append(word);
                tokens.Add(word);
                if (rng.Next() % 12 == 0)
                {
                    text.Append(chinese ? "，" : ", ");
                }
            }

            text.Append(chineseBlock ? "。" : ".");
            bool content = rng.Next() % 10 < 7;
            rows.Add(new BlockRow
            {
                DocId = docId,
                BlockIndex = blockIndex++,
                Text = text.ToString(),
                Label = content ? "content" : "boilerplate",
                Probability = (rng.Next() >> 11) * (1.0 / (1ul << 53)),
                Tokens = tokens,
            });
        }

        return rows;
    }

    private struct XorShift(ulong seed)
    {
        private ulong _state = seed == 0 ? 0x9E3779B97F4A7C15ul : seed;

        public ulong Next()
        {
            // xorshift64*
            ulong x = _state;
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            _state = x;
            return x * 0x2545F4914F6CDD1Dul;
        }
    }
}
