namespace ContentPipeline.Jieba;

/// <summary>
/// Where the algorithms put their tokens: (start, length) ranges of UTF-16 units of the input. The one token that
/// is not a substring of the input, full mode's concatenation of non-adjacent Latin words, is stored as a string
/// and referenced by a negative start (<c>-1 - index</c>).
/// </summary>
internal sealed class TokenSink
{
    public int[] Starts = new int[256];
    public int[] Lengths = new int[256];
    public int Count;
    private List<string>? _strings;

    public void Clear()
    {
        Count = 0;
        _strings?.Clear();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Add(int start, int length)
    {
        int c = Count;
        if ((uint)c >= (uint)Starts.Length) Grow();
        Starts[c] = start;
        Lengths[c] = length;
        Count = c + 1;
    }

    public void AddString(string s)
    {
        (_strings ??= new List<string>()).Add(s);
        Add(-_strings.Count, s.Length);
    }

    private void Grow()
    {
        Array.Resize(ref Starts, Starts.Length * 2);
        Array.Resize(ref Lengths, Lengths.Length * 2);
    }

    public bool IsString(int i) => Starts[i] < 0;

    public string StringAt(int i) => _strings![-1 - Starts[i]];

    public ReadOnlySpan<char> Span(ReadOnlySpan<char> text, int i) =>
        Starts[i] >= 0 ? text.Slice(Starts[i], Lengths[i]) : StringAt(i).AsSpan();

    public string ToString(ReadOnlySpan<char> text, int i) =>
        Starts[i] >= 0 ? new string(text.Slice(Starts[i], Lengths[i])) : StringAt(i);

    public string ToString(string text, int i) =>
        Starts[i] >= 0 ? (Lengths[i] == text.Length ? text : text.Substring(Starts[i], Lengths[i])) : StringAt(i);
}

/// <summary>Per-thread working memory of the algorithms, grown on demand and reused.</summary>
internal sealed class Scratch
{
    public int[] End = new int[256];
    public double[] Prob = new double[257];
    public int[] Ends = new int[256];
    public byte[] States = new byte[256];
    public byte[] Back = new byte[1024];
    public readonly Dag Dag = new();
    public readonly TokenSink Sink = new();
    public readonly TokenSink Sink2 = new();

    [ThreadStatic] private static Scratch? t_current;
    private bool _busy;

    /// <summary>
    /// This thread's scratch, or a fresh one when it is in use further up the stack (a token callback that cuts
    /// again, or changes the dictionary). Give it back with <see cref="Release"/>.
    /// </summary>
    public static Scratch Rent()
    {
        var s = t_current ??= new Scratch();
        if (s._busy) s = new Scratch();
        s._busy = true;
        return s;
    }

    public void Release() => _busy = false;

    public void EnsureRoute(int n)
    {
        if (End.Length < n)
        {
            int size = Math.Max(n, End.Length * 2);
            End = new int[size];
            Prob = new double[size + 1];
            Ends = new int[size];
        }
    }

    public void EnsureHmm(int n)
    {
        if (States.Length < n)
        {
            int size = Math.Max(n, States.Length * 2);
            States = new byte[size];
            Back = new byte[size * 4];
        }
    }
}
