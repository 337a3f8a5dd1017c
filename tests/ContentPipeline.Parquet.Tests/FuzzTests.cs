using System.Diagnostics;
using ContentPipeline.Parquet.Serialization;
using Xunit.Abstractions;

namespace ContentPipeline.Parquet.Tests;

/// <summary>
/// Mutates valid files (bit flips, byte overwrites, truncations, insertions) with a seeded Random and checks that
/// every read either succeeds or throws <see cref="ParquetFormatException"/> — never another exception, never a hang.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private static byte[] Write(CompressionMethod codec, bool dictionary)
    {
        var ms = new MemoryStream();
        ParquetSerializer.Serialize(Enumerable.Range(0, 120).Select(TestData.MakeAllTypes), ms, new ParquetSerializerOptions
        {
            CompressionMethod = codec,
            RowGroupSize = 50,
            WriterOptions = new ParquetWriterOptions { UseDictionaryEncoding = dictionary, DataPageSize = 1024 },
        });
        return ms.ToArray();
    }

    /// <summary>Reads everything the file holds, through both APIs.</summary>
    internal static long ReadAll(byte[] bytes)
    {
        long cells = 0;
        using (var reader = ParquetReader.Open(new MemoryStream(bytes)))
        {
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                var rg = reader.OpenRowGroupReader(g);
                foreach (var f in reader.Schema.GetDataFields()) cells += rg.ReadColumn(f).Count;
            }
        }
        foreach (var row in ParquetSerializer.Deserialize<AllTypesRow>(new MemoryStream(bytes))) cells++;
        return cells;
    }

    [Theory]
    [InlineData(CompressionMethod.None, true, 1)]
    [InlineData(CompressionMethod.Snappy, true, 2)]
    [InlineData(CompressionMethod.Gzip, false, 3)]
    [InlineData(CompressionMethod.Brotli, true, 4)]
    [InlineData(CompressionMethod.Snappy, false, 5)]
    public void MutatedFilesFailCleanly(CompressionMethod codec, bool dictionary, int seed)
    {
        var original = Write(codec, dictionary);
        Assert.True(ReadAll(original) > 0);
        var random = new Random(seed);
        int ok = 0, rejected = 0;
        var sw = Stopwatch.StartNew();
        const int iterations = 700;
        for (int i = 0; i < iterations; i++)
        {
            var mutated = Mutate(original, random);
            try
            {
                ReadAll(mutated);
                ok++;
            }
            catch (ParquetFormatException)
            {
                rejected++;
            }
            catch (Exception ex)
            {
                File.WriteAllBytes(Path.Combine(Path.GetTempPath(), $"fuzz-fail-{seed}-{i}.parquet"), mutated);
                Assert.Fail($"iteration {i}: {ex.GetType().Name} escaped: {ex}");
            }
        }
        output.WriteLine($"{codec} dict={dictionary}: {iterations} mutations, {ok} read, {rejected} rejected, {sw.ElapsedMilliseconds} ms");
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var b = (byte[])original.Clone();
        int kind = random.Next(6);
        // Bias half the mutations to the footer, where the structure lives.
        int Pos(int len) => random.Next(2) == 0 ? random.Next(len) : Math.Max(0, len - 1 - random.Next(Math.Min(len, 600)));
        switch (kind)
        {
            case 0: // bit flips
                for (int k = random.Next(1, 4); k > 0; k--)
                {
                    int p = Pos(b.Length);
                    b[p] ^= (byte)(1 << random.Next(8));
                }
                return b;
            case 1: // byte overwrites with interesting values
                for (int k = random.Next(1, 4); k > 0; k--)
                    b[Pos(b.Length)] = random.Next(3) switch { 0 => 0xFF, 1 => 0, _ => (byte)random.Next(256) };
                return b;
            case 2: // truncation
                return b.AsSpan(0, random.Next(b.Length)).ToArray();
            case 3: // insertion
            {
                int p = Pos(b.Length);
                var ins = new byte[random.Next(1, 9)];
                random.NextBytes(ins);
                return [.. b.AsSpan(0, p), .. ins, .. b.AsSpan(p)];
            }
            case 4: // deletion in the middle, keeping the tail
            {
                int p = Pos(b.Length - 8);
                int n = Math.Min(random.Next(1, 16), b.Length - 8 - p);
                return [.. b.AsSpan(0, p), .. b.AsSpan(p + n)];
            }
            default: // varint-sized garbage: overwrite 4 bytes with a large little-endian number
            {
                int p = Pos(b.Length - 4);
                BitConverter.TryWriteBytes(b.AsSpan(p), random.Next(2) == 0 ? int.MaxValue : random.Next());
                return b;
            }
        }
    }
}
