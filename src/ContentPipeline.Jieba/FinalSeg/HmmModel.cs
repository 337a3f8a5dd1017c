using System.Buffers.Binary;
using System.IO.Compression;

namespace ContentPipeline.Jieba.FinalSeg;

/// <summary>
/// finalseg's BMES hidden Markov model: start, transition and emission log-probabilities from jieba 0.42.1's
/// prob_start.py / prob_trans.py / prob_emit.py. States are numbered B=0, M=1, E=2, S=3.
/// Emissions are kept for the only characters the model is ever asked about, <c>[\u4E00-\u9FD5]</c>
/// (finalseg's re_han), interleaved per character; a missing entry is <see cref="MinFloat"/> as in
/// <c>emit_p[y].get(obs, MIN_FLOAT)</c>.
/// </summary>
internal sealed class HmmModel
{
    public const double MinFloat = -3.14e100;
    public const int B = 0, M = 1, E = 2, S = 3;
    public const char FirstChar = '\u4E00';
    public const char LastChar = '\u9FD5';

    public readonly double[] Start = new double[4];
    /// <summary>[from * 4 + to]</summary>
    public readonly double[] Trans = new double[16];
    /// <summary>[(c - FirstChar) * 4 + state]</summary>
    public readonly double[] Emit;

    private static readonly Lazy<HmmModel> DefaultInstance = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);
    public static HmmModel Default => DefaultInstance.Value;

    private HmmModel()
    {
        Emit = new double[(LastChar - FirstChar + 1) * 4];
        Array.Fill(Emit, MinFloat);
    }

    private static HmmModel LoadDefault()
    {
        using var stream = typeof(HmmModel).Assembly.GetManifestResourceStream("ContentPipeline.Jieba.jieba.hmm.bin")
            ?? throw new InvalidOperationException("ContentPipeline.Jieba: embedded resource jieba.hmm.bin is missing.");
        return Load(stream, "embedded jieba.hmm.bin");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static HmmModel Load(Stream compressed, string name)
    {
        byte[] raw;
        using (var z = new ZLibStream(compressed, CompressionMode.Decompress))
        using (var ms = new MemoryStream(1 << 19))
        {
            z.CopyTo(ms, 1 << 16);
            raw = ms.ToArray();
        }
        ReadOnlySpan<byte> s = raw;
        if (s.Length < 8 + 20 * 8 || !s[..8].SequenceEqual("JBHMM001"u8))
            throw new InvalidDataException($"{name}: not a ContentPipeline.Jieba HMM model (bad magic).");
        var m = new HmmModel();
        int pos = 8;
        for (int i = 0; i < 4; i++, pos += 8) m.Start[i] = BinaryPrimitives.ReadDoubleLittleEndian(s[pos..]);
        for (int i = 0; i < 16; i++, pos += 8) m.Trans[i] = BinaryPrimitives.ReadDoubleLittleEndian(s[pos..]);
        for (int state = 0; state < 4; state++)
        {
            int count = BinaryPrimitives.ReadInt32LittleEndian(s[pos..]);
            pos += 4;
            for (int i = 0; i < count; i++, pos += 10)
            {
                char c = (char)BinaryPrimitives.ReadUInt16LittleEndian(s[pos..]);
                double p = BinaryPrimitives.ReadDoubleLittleEndian(s[(pos + 2)..]);
                if (c >= FirstChar && c <= LastChar) m.Emit[(c - FirstChar) * 4 + state] = p;
            }
        }
        if (pos != s.Length) throw new InvalidDataException($"{name}: {s.Length - pos} trailing bytes.");
        return m;
    }
}
