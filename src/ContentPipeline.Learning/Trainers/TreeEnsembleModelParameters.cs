using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ContentPipeline.Learning.Trainers;

/// <summary>
/// A trained tree ensemble: score = Bias + Σ tree outputs, the logit of the positive class (the learning rate is already
/// in the leaf values). Trees are flat arrays shared by all trees — feature index, float threshold, left and right
/// child, links local to the tree — where a child ≥ 0 is a node and a negative child c is leaf ~c; an example goes left when
/// x ≤ threshold and right when x &gt; threshold, so NaN always goes left (as in training).
/// The constructor validates every index once, which is what lets <see cref="Score"/> walk without bounds checks.
/// <see cref="Score"/> walks a copy laid out for speed: a data-dependent branch per node mispredicts about half the
/// time, so leaves become nodes that loop to themselves and each tree is walked branch-free for a fixed number of steps;
/// trees are sorted by depth and walked eight at a time, for the depth of the batch's deepest tree (each step is a chain
/// of three dependent loads, so throughput comes from overlapping independent trees; grouping by exact depth instead
/// left a few trees per depth to be walked alone, which cost as much as all the batches). On a 200-tree, 16-leaf model
/// this measured about 3× the speed of the plain walk (4 at a time: about 2.5×). Trees of up to 128 leaves are walked
/// in 8-byte nodes (offsets to the children instead of indices), which keeps the chain's loads in L1.
/// </summary>
public sealed class TreeEnsembleModelParameters
{
    /// <summary>"CPGB": ContentPipeline gradient boosting.</summary>
    private static ReadOnlySpan<byte> Magic => "CPGB"u8;
    public const int FormatVersion = 1;

    // All trees back to back, as in the file; links are local to their tree (node ≥ 0, or ~leaf).
    private readonly int[] _nodeStart;  // per tree + 1
    private readonly int[] _leafStart;  // per tree + 1
    private readonly int[] _feature;
    private readonly float[] _threshold;
    private readonly int[] _left;
    private readonly int[] _right;
    private readonly float[] _gain;
    private readonly float[] _leafValue;

    /// <summary>One step of the branch-free walk: from <paramref name="node"/> to the child the example goes to.</summary>
    private interface IWalkNode<TSelf> where TSelf : struct, IWalkNode<TSelf>
    {
        static abstract int Step(ref TSelf walk, int node, ref float x);
        /// <summary>A split's threshold, or a leaf's value (a leaf loops to itself whatever the comparison says).</summary>
        float ThresholdOrValue { get; }
    }

    /// <summary>
    /// The compact inference node, 8 bytes: children as forward offsets from the node (0 for a leaf), adjacent so the
    /// branch taken is an index. Half the wide node's size keeps a 200-tree, 12-leaf ensemble's walk (37 KB) in L1,
    /// where each step's loads are one dependent chain. Fits trees of at most 128 leaves on at most 65,536 features.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct CompactNode : IWalkNode<CompactNode>
    {
        public float ThresholdOrValue;
        public ushort Feature;
        public byte Left;
        public byte Right;

        readonly float IWalkNode<CompactNode>.ThresholdOrValue => ThresholdOrValue;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int Step(ref CompactNode walk, int node, ref float x)
        {
            ref CompactNode n = ref Unsafe.Add(ref walk, node);
            return node + Unsafe.Add(ref n.Left, Unsafe.Add(ref x, n.Feature) > n.ThresholdOrValue ? 1 : 0);
        }
    }

    /// <summary>The wide inference node, 16 bytes, for larger trees: children as absolute walk indices.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct WideNode : IWalkNode<WideNode>
    {
        public int Feature;
        public float ThresholdOrValue;
        public int Left;
        public int Right;

        readonly float IWalkNode<WideNode>.ThresholdOrValue => ThresholdOrValue;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int Step(ref WideNode walk, int node, ref float x)
        {
            ref WideNode n = ref Unsafe.Add(ref walk, node);
            return Unsafe.Add(ref n.Left, Unsafe.Add(ref x, n.Feature) > n.ThresholdOrValue ? 1 : 0);
        }
    }

    private const int CompactMaxOffset = byte.MaxValue, CompactMaxFeatures = ushort.MaxValue + 1;

    // Per tree: its nodes, then its leaves as self-loops; one of the two is set.
    private readonly CompactNode[]? _compactWalk;
    private readonly WideNode[]? _wideWalk;
    private readonly int[] _walkRoot;       // roots, trees ordered by (depth, index)
    private readonly int[] _walkDepth;      // their depths, ascending

    /// <summary>
    /// Trees in file form: tree t has nodeCounts[t] nodes and nodeCounts[t] + 1 leaves, taken in order from the
    /// node and leaf arrays, with links local to the tree. Throws <see cref="InvalidDataException"/> unless every
    /// tree is a proper binary tree rooted at node 0 (see <see cref="Load"/>).
    /// </summary>
    internal TreeEnsembleModelParameters(int featureCount, float bias, int[] nodeCounts, int[] feature, float[] threshold,
        int[] left, int[] right, float[] gain, float[] leafValue)
    {
        if (featureCount < 1) throw Invalid($"feature count {featureCount} must be >= 1");
        if (!float.IsFinite(bias)) throw Invalid($"bias {bias} is not finite");
        if (threshold.Length != feature.Length || left.Length != feature.Length || right.Length != feature.Length || gain.Length != feature.Length)
            throw Invalid("node arrays differ in length");
        int trees = nodeCounts.Length;
        _nodeStart = new int[trees + 1];
        _leafStart = new int[trees + 1];
        _feature = feature;
        _threshold = threshold;
        _left = left;
        _right = right;
        _gain = gain;
        _leafValue = leafValue;
        int nodeStart = 0, leafStart = 0;
        for (int t = 0; t < trees; t++)
        {
            int nodes = nodeCounts[t];
            if (nodes < 0 || nodes > feature.Length - nodeStart || nodes + 1 > leafValue.Length - leafStart)
                throw Invalid($"tree {t}: node count {nodes} does not match the stored nodes");
            ValidateTree(t, featureCount, nodeStart, nodes, leafStart);
            nodeStart += nodes;
            leafStart += nodes + 1;
            _nodeStart[t + 1] = nodeStart;
            _leafStart[t + 1] = leafStart;
        }
        if (nodeStart != feature.Length || leafStart != leafValue.Length) throw Invalid("node and leaf arrays do not match the trees");
        FeatureCount = featureCount;
        Bias = bias;
        (_compactWalk, _wideWalk, _walkRoot, _walkDepth) = BuildWalk();
    }

    private (CompactNode[]?, WideNode[]?, int[], int[]) BuildWalk()
    {
        int trees = TreeCount;
        // A tree's walk holds 2·nodes + 1 entries and links only forward, so its offsets are at most 2·nodes.
        bool compact = FeatureCount <= CompactMaxFeatures;
        for (int t = 0; t < trees && compact; t++) compact = 2 * (_nodeStart[t + 1] - _nodeStart[t]) <= CompactMaxOffset;
        var wide = new WideNode[_feature.Length + _leafValue.Length];
        var root = new int[trees];
        var depth = new int[trees];
        int next = 0;
        for (int t = 0; t < trees; t++)
        {
            int nodeStart = _nodeStart[t], nodes = _nodeStart[t + 1] - nodeStart, leafStart = _leafStart[t];
            int leafBase = next + nodes; // this tree's leaves follow its nodes
            int Map(int link) => link >= 0 ? next + link : leafBase + ~link;
            var nodeDepth = new int[nodes];
            for (int i = 0; i < nodes; i++)
            {
                int k = nodeStart + i;
                wide[next + i] = new WideNode { Feature = _feature[k], ThresholdOrValue = _threshold[k], Left = Map(_left[k]), Right = Map(_right[k]) };
                // Links point forward, so a node's depth is final before its children are seen.
                foreach (int child in (ReadOnlySpan<int>)[_left[k], _right[k]])
                {
                    if (child >= 0) nodeDepth[child] = nodeDepth[i] + 1;
                    else depth[t] = Math.Max(depth[t], nodeDepth[i] + 1);
                }
            }
            for (int l = 0; l <= nodes; l++)
            {
                int self = leafBase + l;
                // Both links to itself: a leaf stays put for the remaining steps, and its value sits in the threshold.
                wide[self] = new WideNode { Feature = 0, ThresholdOrValue = _leafValue[leafStart + l], Left = self, Right = self };
            }
            root[t] = next;
            next = leafBase + nodes + 1;
        }
        CompactNode[]? compactWalk = null;
        if (compact)
        {
            compactWalk = new CompactNode[wide.Length];
            for (int i = 0; i < wide.Length; i++)
            {
                var w = wide[i];
                compactWalk[i] = new CompactNode
                {
                    ThresholdOrValue = w.ThresholdOrValue, Feature = (ushort)w.Feature, Left = (byte)(w.Left - i), Right = (byte)(w.Right - i),
                };
            }
        }
        var order = new int[trees];
        for (int t = 0; t < trees; t++) order[t] = t;
        var keys = new long[trees];
        for (int t = 0; t < trees; t++) keys[t] = ((long)depth[t] << 32) | (uint)t;
        Array.Sort(keys, order);
        var walkRoot = new int[trees];
        var walkDepth = new int[trees];
        for (int i = 0; i < trees; i++)
        {
            walkRoot[i] = root[order[i]];
            walkDepth[i] = depth[order[i]];
        }
        return (compactWalk, compactWalk is null ? wide : null, walkRoot, walkDepth);
    }

    public int FeatureCount { get; }
    public int TreeCount => _nodeStart.Length - 1;
    /// <summary>Whether <see cref="Score"/> walks the 8-byte node layout (trees of at most 128 leaves); for tests.</summary>
    internal bool WalksCompactNodes => _compactWalk is not null;
    /// <summary>The weighted log-odds of the training labels: every score starts here.</summary>
    public float Bias { get; }

    /// <summary>
    /// Raw score (log-odds) of one example of <see cref="FeatureCount"/> values: Bias plus the tree outputs, summed in a
    /// fixed order (trees by depth, then index) so the result is reproducible to the bit. Allocation-free.
    /// </summary>
    public float Score(ReadOnlySpan<float> features)
    {
        if (features.Length != FeatureCount) ThrowFeatureCount(features.Length);
        return _compactWalk is { } compact ? Walk(compact, features) : Walk(_wideWalk!, features);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float Walk<TNode>(TNode[] nodes, ReadOnlySpan<float> features) where TNode : struct, IWalkNode<TNode>
    {
        ref float x = ref MemoryMarshal.GetReference(features);
        ref TNode walk = ref MemoryMarshal.GetArrayDataReference(nodes);
        ref int roots = ref MemoryMarshal.GetArrayDataReference(_walkRoot);
        int[] depths = _walkDepth;
        int trees = depths.Length, t = 0;
        float score = Bias;
        // Eight trees at a time, in depth order, each batch walked for its deepest tree's depth (a leaf loops to itself,
        // so a shallower tree just stays put): the batches never break at a depth change, so no tree is walked alone.
        for (; t + 7 < trees; t += 8)
        {
            int depth = depths[t + 7];
            int a = Unsafe.Add(ref roots, t), b = Unsafe.Add(ref roots, t + 1), c = Unsafe.Add(ref roots, t + 2), d = Unsafe.Add(ref roots, t + 3);
            int e = Unsafe.Add(ref roots, t + 4), f = Unsafe.Add(ref roots, t + 5), h = Unsafe.Add(ref roots, t + 6), i = Unsafe.Add(ref roots, t + 7);
            for (int k = 0; k < depth; k++)
            {
                a = TNode.Step(ref walk, a, ref x);
                b = TNode.Step(ref walk, b, ref x);
                c = TNode.Step(ref walk, c, ref x);
                d = TNode.Step(ref walk, d, ref x);
                e = TNode.Step(ref walk, e, ref x);
                f = TNode.Step(ref walk, f, ref x);
                h = TNode.Step(ref walk, h, ref x);
                i = TNode.Step(ref walk, i, ref x);
            }
            score += Unsafe.Add(ref walk, a).ThresholdOrValue;
            score += Unsafe.Add(ref walk, b).ThresholdOrValue;
            score += Unsafe.Add(ref walk, c).ThresholdOrValue;
            score += Unsafe.Add(ref walk, d).ThresholdOrValue;
            score += Unsafe.Add(ref walk, e).ThresholdOrValue;
            score += Unsafe.Add(ref walk, f).ThresholdOrValue;
            score += Unsafe.Add(ref walk, h).ThresholdOrValue;
            score += Unsafe.Add(ref walk, i).ThresholdOrValue;
        }
        for (; t < trees; t++)
        {
            int a = Unsafe.Add(ref roots, t);
            for (int k = 0; k < depths[t]; k++) a = TNode.Step(ref walk, a, ref x);
            score += Unsafe.Add(ref walk, a).ThresholdOrValue;
        }
        return score;
    }

    /// <summary>
    /// Total split gain (decrease of the second-order training loss) per feature, over all trees: the features that
    /// were split on, largest gain first, ties by feature index. Features never split on are not listed.
    /// </summary>
    public IReadOnlyList<(int Feature, double Gain)> FeatureImportance()
    {
        var total = new double[FeatureCount];
        var used = new bool[FeatureCount];
        for (int i = 0; i < _feature.Length; i++) { total[_feature[i]] += _gain[i]; used[_feature[i]] = true; }
        var result = new List<(int Feature, double Gain)>();
        for (int f = 0; f < FeatureCount; f++) if (used[f]) result.Add((f, total[f]));
        result.Sort((a, b) => a.Gain != b.Gain ? b.Gain.CompareTo(a.Gain) : a.Feature.CompareTo(b.Feature));
        return result;
    }

    /// <summary>
    /// Little-endian, and the bytes depend only on the model: "CPGB", int32 format version, int32 feature count,
    /// float32 bias, int32 tree count, then per tree: int32 node count N; N × (int32 feature, float32 threshold,
    /// int32 left, int32 right, float32 gain) with tree-local links; (N + 1) × float32 leaf value.
    /// </summary>
    public void Save(BinaryWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.Write(Magic);
        w.Write(FormatVersion);
        w.Write(FeatureCount);
        w.Write(Bias);
        w.Write(TreeCount);
        for (int t = 0; t < TreeCount; t++)
        {
            w.Write(_nodeStart[t + 1] - _nodeStart[t]);
            for (int i = _nodeStart[t]; i < _nodeStart[t + 1]; i++)
            {
                w.Write(_feature[i]);
                w.Write(_threshold[i]);
                w.Write(_left[i]);
                w.Write(_right[i]);
                w.Write(_gain[i]);
            }
            for (int l = _leafStart[t]; l < _leafStart[t + 1]; l++) w.Write(_leafValue[l]);
        }
    }

    /// <summary>
    /// Reads what <see cref="Save"/> wrote. Throws <see cref="InvalidDataException"/> naming the problem for a wrong
    /// magic or version, a truncated stream, a feature index outside 0..FeatureCount−1, a link that is out of range,
    /// points backwards (a cycle) or reuses a node or leaf, or a non-finite number, so a damaged file fails here
    /// rather than in <see cref="Score"/>.
    /// </summary>
    public static TreeEnsembleModelParameters Load(BinaryReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        try
        {
            Span<byte> magic = stackalloc byte[4];
            r.BaseStream.ReadExactly(magic);
            if (!magic.SequenceEqual(Magic)) throw Invalid("does not start with \"CPGB\" (not a tree ensemble)");
            int version = r.ReadInt32();
            if (version != FormatVersion) throw Invalid($"has format version {version}, this build reads {FormatVersion}");
            int featureCount = r.ReadInt32();
            float bias = r.ReadSingle();
            int trees = r.ReadInt32();
            if (trees < 0) throw Invalid($"tree count {trees} is negative");
            // Lists, not arrays sized from the header, so a corrupt count runs into end-of-stream, not out of memory.
            var nodeCounts = new List<int>();
            var feature = new List<int>();
            var threshold = new List<float>();
            var left = new List<int>();
            var right = new List<int>();
            var gain = new List<float>();
            var leafValue = new List<float>();
            for (int t = 0; t < trees; t++)
            {
                int nodes = r.ReadInt32();
                if (nodes is < 0 or >= FastTreeBinaryTrainer.MaximumNumberOfLeaves)
                    throw Invalid($"tree {t}: node count {nodes} is outside 0..{FastTreeBinaryTrainer.MaximumNumberOfLeaves - 1}");
                nodeCounts.Add(nodes);
                for (int i = 0; i < nodes; i++)
                {
                    feature.Add(r.ReadInt32());
                    threshold.Add(r.ReadSingle());
                    left.Add(r.ReadInt32());
                    right.Add(r.ReadInt32());
                    gain.Add(r.ReadSingle());
                }
                for (int l = 0; l <= nodes; l++) leafValue.Add(r.ReadSingle());
            }
            return new TreeEnsembleModelParameters(featureCount, bias, [.. nodeCounts], [.. feature], [.. threshold],
                [.. left], [.. right], [.. gain], [.. leafValue]);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("tree ensemble model is truncated (the stream ended early)", e);
        }
    }

    /// <summary>
    /// Nodes must link forward only (child node id &gt; parent id: no cycles) and every node but the root and every leaf
    /// must be linked exactly once; with N nodes and N + 1 leaves that makes each tree a proper binary tree.
    /// </summary>
    private void ValidateTree(int t, int featureCount, int nodeStart, int nodes, int leafStart)
    {
        var nodeLinked = new bool[nodes];
        var leafLinked = new bool[nodes + 1];
        if (nodes == 0) leafLinked[0] = true; // a single-leaf tree: the leaf is the root
        for (int i = 0; i < nodes; i++)
        {
            int k = nodeStart + i;
            if ((uint)_feature[k] >= (uint)featureCount)
                throw Invalid($"tree {t}, node {i}: feature index {_feature[k]} is outside 0..{featureCount - 1}");
            if (!float.IsFinite(_threshold[k])) throw Invalid($"tree {t}, node {i}: threshold {_threshold[k]} is not finite");
            if (!(_gain[k] >= 0) || !float.IsFinite(_gain[k])) throw Invalid($"tree {t}, node {i}: gain {_gain[k]} is not finite and >= 0");
            CheckLink(t, i, _left[k], nodes, nodeLinked, leafLinked);
            CheckLink(t, i, _right[k], nodes, nodeLinked, leafLinked);
        }
        for (int l = 0; l <= nodes; l++)
        {
            if (!leafLinked[l]) throw Invalid($"tree {t}: leaf {l} is not linked");
            if (!float.IsFinite(_leafValue[leafStart + l])) throw Invalid($"tree {t}, leaf {l}: value {_leafValue[leafStart + l]} is not finite");
        }
    }

    private static void CheckLink(int t, int node, int child, int nodes, bool[] nodeLinked, bool[] leafLinked)
    {
        if (child >= 0)
        {
            if (child <= node || child >= nodes)
                throw Invalid($"tree {t}, node {node}: child node {child} is outside {node + 1}..{nodes - 1} (links must point forward)");
            if (nodeLinked[child]) throw Invalid($"tree {t}: node {child} has two parents");
            nodeLinked[child] = true;
        }
        else
        {
            int leaf = ~child;
            if (leaf > nodes) throw Invalid($"tree {t}, node {node}: leaf {leaf} is outside 0..{nodes}");
            if (leafLinked[leaf]) throw Invalid($"tree {t}: leaf {leaf} has two parents");
            leafLinked[leaf] = true;
        }
    }

    private static InvalidDataException Invalid(string problem) => new($"tree ensemble model: {problem}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowFeatureCount(int length) =>
        throw new ArgumentException($"expected {FeatureCount} feature values, got {length}", "features");
}
