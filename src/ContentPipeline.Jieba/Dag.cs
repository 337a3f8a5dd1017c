using ContentPipeline.Jieba.Dictionary;

namespace ContentPipeline.Jieba;

/// <summary>
/// jieba's <c>get_DAG</c>: for every start index k of a block, the ascending inclusive end indices of the
/// dictionary words (positive frequency) starting there, or <c>[k]</c> when there is none. Stored flat:
/// row k is <c>Ends[RowStart[k] .. RowStart[k + 1])</c>.
/// </summary>
internal sealed class Dag
{
    public int[] RowStart = new int[64];
    public int[] Ends = new int[256];

    public void Build(SegmenterDictionary dict, ReadOnlySpan<char> s)
    {
        int n = s.Length;
        if (RowStart.Length < n + 1) RowStart = new int[Math.Max(n + 1, RowStart.Length * 2)];
        int used = 0;
        for (int k = 0; k < n; k++)
        {
            // A row has at most n - k entries.
            if (Ends.Length < used + (n - k)) Array.Resize(ref Ends, Math.Max(used + n - k, Ends.Length * 2));
            RowStart[k] = used;
            int count = dict.WordEnds(s, k, Ends.AsSpan(used));
            if (count == 0) Ends[used++] = k;
            else used += count;
        }
        RowStart[n] = used;
    }

    public ReadOnlySpan<int> Row(int k) => Ends.AsSpan(RowStart[k], RowStart[k + 1] - RowStart[k]);
}
