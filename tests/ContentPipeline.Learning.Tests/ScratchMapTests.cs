using ContentPipeline.Learning.Features;

namespace ContentPipeline.Learning.Tests;

public class ScratchMapTests
{
    [Fact]
    public void Agrees_with_a_dictionary_through_growth_and_clears()
    {
        var map = new ScratchMap<int>(16);
        var oracle = new Dictionary<ulong, int>();
        var random = new Random(7);
        for (int round = 0; round < 5; round++)
        {
            map.Clear();
            oracle.Clear();
            int adds = 10 + round * 700; // from well under to far over the starting capacity
            for (int i = 0; i < adds; i++)
            {
                // Few distinct keys in the low range (repeats), plus keys that differ only in their high bits.
                ulong key = random.Next(3) == 0 ? (ulong)random.Next(50) : (ulong)random.Next(1 << 20) << 40;
                ref int value = ref map.GetValueRefOrAddDefault(key, out bool exists);
                Assert.Equal(oracle.ContainsKey(key), exists);
                value++;
                oracle[key] = oracle.GetValueOrDefault(key) + 1;
            }
            Assert.Equal(oracle.Count, map.Count);
            foreach (var (key, count) in oracle) Assert.Equal(count, map[key]);
            for (ulong probe = 50; probe < 60; probe++) Assert.False(map.TryGetValue(probe, out _));
        }
    }

    [Fact]
    public void Clear_forgets_every_key()
    {
        var map = new ScratchMap<(int First, int Last)>();
        map.GetValueRefOrAddDefault(42, out _) = (1, 2);
        map.GetValueRefOrAddDefault(0, out _) = (3, 4); // 0 is an ordinary key
        Assert.Equal((3, 4), map[0]);
        map.Clear();
        Assert.Equal(0, map.Count);
        Assert.False(map.TryGetValue(42, out _));
        Assert.False(map.TryGetValue(0, out _));
        Assert.Throws<KeyNotFoundException>(() => map[42]);
        ref var fresh = ref map.GetValueRefOrAddDefault(42, out bool exists);
        Assert.False(exists);
        Assert.Equal(default, fresh);
    }
}
