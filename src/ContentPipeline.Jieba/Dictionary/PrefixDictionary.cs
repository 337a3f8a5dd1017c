using System.IO.Compression;
using System.Runtime.CompilerServices;

namespace ContentPipeline.Jieba.Dictionary;

/// <summary>
/// jieba's prefix dictionary <c>FREQ</c> (every word with its frequency, and every prefix of a word with 0) as an
/// immutable trie in breadth-first order: the children of a node are consecutive node ids, sorted by char.
/// A fragment is "in FREQ" exactly when walking it does not fall off the trie.
/// Loaded once from the embedded resource (see Data/build-data.py for the format); shared by all segmenters.
/// </summary>
internal sealed class PrefixDictionary
{
    private const int LinearScanLimit = 8;

    /// <summary>char -> node id of the one-char prefix, 0 = not in FREQ.</summary>
    internal readonly int[] RootChild;
    /// <summary>node -> its children's range and its word weight, packed so one cache line serves a walk step.</summary>
    internal readonly TrieNode[] Nodes;
    /// <summary>node -> last char of the prefix it spells (children of a node are consecutive, sorted by char).</summary>
    internal readonly char[] Edges;
    private readonly int[] _freq;        // node -> FREQ value (0 = prefix only)
    /// <summary>
    /// Open-addressing table of the two-char prefixes, <c>(c1 &lt;&lt; 16 | c2) &lt;&lt; 32 | node</c>, 0 = empty:
    /// the second walk step, whose parent (a first char) often has hundreds of children, in one probe
    /// instead of a binary search over them.
    /// </summary>
    private readonly ulong[] _pairs;
    private readonly int _pairShift;

    public long Total { get; }
    public int NodeCount => Edges.Length;

    private static readonly Lazy<PrefixDictionary> DefaultInstance = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The jieba 0.42.1 dictionary, loaded on first use.</summary>
    public static PrefixDictionary Default => DefaultInstance.Value;
    public static bool IsDefaultLoaded => DefaultInstance.IsValueCreated;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private PrefixDictionary(TrieNode[] nodes, char[] edges, int[] freq, long total)
    {
        Nodes = nodes;
        Edges = edges;
        _freq = freq;
        Total = total;
        RootChild = new int[65536];
        for (int n = nodes[0].FirstChild; n < nodes[0].EndChild; n++) RootChild[edges[n]] = n;

        int level1End = nodes[0].EndChild;
        int pairCount = level1End > 1 ? nodes[level1End - 1].EndChild - nodes[1].FirstChild : 0;
        int bits = Math.Max(4, 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)pairCount * 2));
        _pairShift = 32 - bits;
        _pairs = new ulong[1 << bits];
        int mask = (1 << bits) - 1;
        for (int p = 1; p < level1End; p++)
        {
            uint c1 = edges[p];
            for (int k = nodes[p].FirstChild; k < nodes[p].EndChild; k++)
            {
                uint key = c1 << 16 | edges[k];
                int h = (int)((key * 0x9E3779B1u) >> _pairShift);
                while (_pairs[h] != 0) h = (h + 1) & mask;
                _pairs[h] = (ulong)key << 32 | (uint)k;
            }
        }
    }

    /// <summary>Node of the two-char prefix <paramref name="c1"/><paramref name="c2"/>, or 0 when it is not in FREQ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Pair(char c1, char c2)
    {
        uint key = (uint)c1 << 16 | c2;
        var pairs = _pairs;
        int mask = pairs.Length - 1;
        int h = (int)((key * 0x9E3779B1u) >> _pairShift);
        ref ulong p0 = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(pairs);
        while (true)
        {
            ulong e = Unsafe.Add(ref p0, h);
            if (e == 0) return 0;
            if ((uint)(e >> 32) == key) return (int)(uint)e;
            h = (h + 1) & mask;
        }
    }

    /// <summary>Parses the embedded dictionary (what <see cref="Default"/> does once).</summary>
    internal static PrefixDictionary LoadEmbedded()
    {
        using var stream = typeof(PrefixDictionary).Assembly.GetManifestResourceStream("ContentPipeline.Jieba.jieba.dict.bin")
            ?? throw new InvalidOperationException("ContentPipeline.Jieba: embedded resource jieba.dict.bin is missing.");
        if (stream is UnmanagedMemoryStream mapped)
        {
            // The resource lies in the mapped assembly image: parse it where it is, without copying.
            unsafe
            {
                return Parse(new ReadOnlySpan<byte>(mapped.PositionPointer, checked((int)mapped.Length)), "embedded jieba.dict.bin");
            }
        }
        return Load(stream, "embedded jieba.dict.bin");
    }

    /// <summary>Reads the trie written by Data/build-data.py, plain or zlib-compressed.</summary>
    public static PrefixDictionary Load(Stream stream, string name)
    {
        using var ms = new MemoryStream(4 << 20);
        stream.CopyTo(ms, 1 << 16);
        var bytes = ms.GetBuffer().AsSpan(0, (int)ms.Length);
        if (bytes.Length >= 2 && bytes[0] == 0x78)
        {
            using var z = new ZLibStream(new MemoryStream(ms.GetBuffer(), 0, (int)ms.Length), CompressionMode.Decompress);
            using var inflated = new MemoryStream(4 << 20);
            z.CopyTo(inflated, 1 << 16);
            return Parse(inflated.GetBuffer().AsSpan(0, (int)inflated.Length), name);
        }
        return Parse(bytes, name);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static PrefixDictionary Parse(ReadOnlySpan<byte> s, string name)
    {
        if (s.Length < 20 || !s[..8].SequenceEqual("JBDICT01"u8))
            throw new InvalidDataException($"{name}: not a ContentPipeline.Jieba dictionary (bad magic).");
        long total = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(s[8..]);
        int n = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(s[16..]);
        int pos = 20;
        var nodes = GC.AllocateUninitializedArray<TrieNode>(n);
        int next = 1;
        for (int i = 0; i < n; i++)
        {
            nodes[i].FirstChild = next;
            next += (int)ReadVarint(s, ref pos);
            nodes[i].EndChild = next;
        }
        if (next != n) throw new InvalidDataException($"{name}: corrupt trie (child counts sum to {next - 1}, expected {n - 1}).");
        var edge = GC.AllocateUninitializedArray<char>(n);
        edge[0] = '\0';
        for (int parent = 0; parent < n; parent++)
        {
            int c = 0;
            for (int k = nodes[parent].FirstChild; k < nodes[parent].EndChild; k++)
            {
                c += (int)ReadVarint(s, ref pos);
                edge[k] = (char)c;
            }
        }
        var freq = GC.AllocateUninitializedArray<int>(n);
        freq[0] = 0;
        nodes[0].LogFreq = TrieNode.NotAWord;
        // Most frequencies are small and repeated: compute each small one's logarithm once.
        Span<double> smallLogs = stackalloc double[1024];
        smallLogs.Fill(double.NaN);
        for (int i = 1; i < n; i++)
        {
            int f = (int)ReadVarint(s, ref pos);
            freq[i] = f;
            double l;
            if (f <= 0) l = TrieNode.NotAWord;
            else if (f < smallLogs.Length)
            {
                l = smallLogs[f];
                if (double.IsNaN(l)) smallLogs[f] = l = Math.Log(f);
            }
            else l = Math.Log(f);
            nodes[i].LogFreq = l;
        }
        if (pos != s.Length) throw new InvalidDataException($"{name}: {s.Length - pos} trailing bytes.");
        return new PrefixDictionary(nodes, edge, freq, total);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ReadVarint(ReadOnlySpan<byte> s, ref int pos)
    {
        uint v = 0;
        int shift = 0;
        while (true)
        {
            byte b = s[pos++];
            v |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) return v;
            shift += 7;
        }
    }

    /// <summary>Node of the one-char prefix <paramref name="c"/>, or 0 when it is not in FREQ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Root(char c) => RootChild[c];

    /// <summary>Node reached from <paramref name="node"/> by <paramref name="c"/>, or 0 when the walk falls off.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Child(int node, char c) => FindChild(Edges, Nodes[node].FirstChild, Nodes[node].EndChild, c);

    /// <summary>The child of the node whose children are <c>edges[lo..hi)</c> reached by <paramref name="c"/>, or 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int FindChild(char[] edges, int lo, int hi, char c)
    {
        ref char e0 = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(edges);
        if (hi - lo <= LinearScanLimit)
        {
            for (int k = lo; k < hi; k++)
            {
                char e = Unsafe.Add(ref e0, k);
                if (e >= c) return e == c ? k : 0;
            }
            return 0;
        }
        hi--;
        while (lo <= hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            char e = Unsafe.Add(ref e0, mid);
            if (e == c) return mid;
            if (e < c) lo = mid + 1; else hi = mid - 1;
        }
        return 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Freq(int node) => _freq[node];

    /// <summary>
    /// Appends the inclusive end index of every word (positive frequency) of this dictionary that starts at
    /// <paramref name="k"/> in <paramref name="s"/>, ascending; returns how many (at most <c>s.Length - k</c>).
    /// </summary>
    public int WordEnds(ReadOnlySpan<char> s, int k, Span<int> ends)
    {
        int count = 0;
        int id = RootChild[s[k]];
        if (id == 0) return 0;
        if (Nodes[id].LogFreq >= 0) ends[count++] = k;
        int x = k + 1;
        id = x < s.Length ? Pair(s[k], s[x]) : 0;
        while (id != 0)
        {
            ref readonly TrieNode node = ref Nodes[id];
            if (node.LogFreq >= 0) ends[count++] = x;
            if (++x >= s.Length) break;
            id = FindChild(Edges, node.FirstChild, node.EndChild, s[x]);
        }
        return count;
    }

    /// <summary>Node spelling <paramref name="word"/>, or 0 when it is not in FREQ.</summary>
    public int Find(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty) return 0;
        int node = RootChild[word[0]];
        for (int i = 1; i < word.Length && node != 0; i++) node = Child(node, word[i]);
        return node;
    }
}

/// <summary>A trie node: its children are nodes <c>[FirstChild, EndChild)</c>; <c>LogFreq = log(FREQ)</c> for a word.</summary>
internal struct TrieNode
{
    /// <summary><see cref="LogFreq"/> of a prefix that is not a word (FREQ 0); real values are ≥ 0.</summary>
    public const double NotAWord = -1;

    public double LogFreq;
    public int FirstChild;
    public int EndChild;
}
