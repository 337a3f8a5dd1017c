using System.Buffers;

namespace ContentPipeline.Learning.Features;

/// <summary>
/// Reusable buffers holding the featurised blocks of one document: sparse rows (index/value arrays, CSR
/// layout) and the dense feature matrix. Arrays come from <see cref="ArrayPool{T}"/> and grow as needed;
/// call <see cref="Dispose"/> to return them.
/// </summary>
public sealed class DocumentFeatures : IDisposable
{
    public int[] Indices = ArrayPool<int>.Shared.Rent(4096);
    public float[] Values = ArrayPool<float>.Shared.Rent(4096);
    public int[] RowStart = ArrayPool<int>.Shared.Rent(65);
    public float[] Dense = ArrayPool<float>.Shared.Rent(64 * DenseBlockFeatures.Count);
    /// <summary>
    /// Per block, the first block of the document that sits in the same HTML container (itself if it is the first),
    /// or -1 outside HTML: blocks a page template repeats (replies, captions, cards) share one.
    /// </summary>
    public int[] Group = ArrayPool<int>.Shared.Rent(64);
    public int BlockCount;
    public int Length;

    public void Reset(int blocks)
    {
        BlockCount = blocks;
        Length = 0;
        if (RowStart.Length < blocks + 1) Grow(ref RowStart, blocks + 1);
        int dense = blocks * DenseBlockFeatures.Count;
        if (Dense.Length < dense) Grow(ref Dense, dense);
        if (Group.Length < blocks) Grow(ref Group, blocks);
        Group.AsSpan(0, blocks).Fill(-1);
        Dense.AsSpan(0, dense).Clear();
        RowStart[0] = 0;
    }

    public void EnsureRoom(int extra)
    {
        if (Length + extra <= Indices.Length) return;
        int size = Math.Max(Indices.Length * 2, Length + extra);
        Grow(ref Indices, size);
        Grow(ref Values, size);
    }

    public Span<float> DenseRow(int block) => Dense.AsSpan(block * DenseBlockFeatures.Count, DenseBlockFeatures.Count);

    public ReadOnlySpan<int> RowIndices(int block) => Indices.AsSpan(RowStart[block], RowStart[block + 1] - RowStart[block]);
    public ReadOnlySpan<float> RowValues(int block) => Values.AsSpan(RowStart[block], RowStart[block + 1] - RowStart[block]);

    private static void Grow<T>(ref T[] array, int size)
    {
        var bigger = ArrayPool<T>.Shared.Rent(size);
        array.AsSpan().CopyTo(bigger);
        ArrayPool<T>.Shared.Return(array);
        array = bigger;
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(Indices);
        ArrayPool<float>.Shared.Return(Values);
        ArrayPool<int>.Shared.Return(RowStart);
        ArrayPool<float>.Shared.Return(Dense);
        ArrayPool<int>.Shared.Return(Group);
        Indices = []; Values = []; RowStart = []; Dense = []; Group = [];
    }
}
