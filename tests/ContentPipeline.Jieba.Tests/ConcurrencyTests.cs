using ContentPipeline.Jieba;

namespace ContentPipeline.Jieba.Tests;

public class ConcurrencyTests
{
    private static readonly string[] Lines =
    [
        "我来到北京清华大学", "他来到了网易杭研大厦", "小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
        "永和服装饰品有限公司", "李小福是创新办主任也是云计算方面的专家", "iPhone15 Pro 3.14% C++ a.b 😀𠀀",
    ];

    [Fact]
    public void ConcurrentCuttingGivesTheSequentialResult()
    {
        var seg = new JiebaSegmenter();
        var expected = Lines.Select(l => string.Join("|", seg.Cut(l)) + "#" + string.Join("|", seg.CutForSearch(l, false))).ToArray();
        var results = new string[2000];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var l = Lines[i % Lines.Length];
            results[i] = string.Join("|", seg.Cut(l)) + "#" + string.Join("|", seg.CutForSearch(l, false));
        });
        for (int i = 0; i < results.Length; i++) Assert.Equal(expected[i % Lines.Length], results[i]);
    }

    [Fact]
    public async Task DictionaryChangesDuringCuttingAreSafeAndAtomic()
    {
        var seg = new JiebaSegmenter();
        using var cts = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cutter = Task.Run(() =>
        {
            int n = 0;
            while (!cts.IsCancellationRequested)
            {
                var tokens = string.Join("|", seg.Cut("李小福是创新办主任"));
                // Either before or after the change, never a mixture or a crash.
                Assert.True(tokens is "李小福|是|创新|办|主任" or "李小福|是|创新办|主任", tokens);
                n++;
                started.TrySetResult();
            }
            return n;
        });
        await started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        for (int i = 0; i < 50; i++) seg.AddWord("词" + i, 5);
        seg.AddWord("创新办", 3);
        await Task.Delay(20);
        cts.Cancel();
        Assert.True(await cutter > 0);
        Assert.Equal(new[] { "李小福", "是", "创新办", "主任" }, seg.Cut("李小福是创新办主任"));
    }
}
