using System.Runtime.CompilerServices;

namespace ContentPipeline.Jieba.Dictionary;

/// <summary>
/// One segmenter's view of jieba's <c>FREQ</c>/<c>total</c>: the shared, immutable <see cref="PrefixDictionary"/>
/// plus an overlay of the words added, re-weighted or deleted through <c>add_word</c> semantics, and the
/// <c>Force_Split_Words</c> of finalseg.
/// <para>
/// A published instance is never mutated (segmenters swap in a modified <see cref="Clone"/>), so any number of
/// threads can cut with it without locks.
/// </para>
/// </summary>
internal sealed class SegmenterDictionary
{
    /// <summary>An overlay entry: an explicitly set frequency, or <see cref="PrefixOnly"/>.</summary>
    internal readonly record struct Entry(int Freq, double LogFreq)
    {
        public bool IsSet => Freq >= 0;
    }

    private static readonly Entry PrefixOnly = new(-1, 0);

    public PrefixDictionary Base { get; }
    public long Total { get; private set; }
    /// <summary><c>log(self.total)</c>, recomputed whenever the total changes.</summary>
    public double LogTotal { get; private set; }

    // Overlay keys are prefix-closed on their own (every code-point prefix of an added word is a key), so a walk
    // can stop consulting the overlay as soon as a fragment is missing from it.
    private Dictionary<string, Entry>? _overlay;
    private Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _overlayLookup;
    private HashSet<string>? _forceSplit;
    private HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _forceSplitLookup;
    private Dictionary<string, string>? _tags;

    public SegmenterDictionary(PrefixDictionary baseDictionary)
    {
        Base = baseDictionary;
        Total = baseDictionary.Total;
        LogTotal = Math.Log(Total);
    }

    private SegmenterDictionary(SegmenterDictionary other)
    {
        Base = other.Base;
        Total = other.Total;
        LogTotal = other.LogTotal;
        if (other._overlay != null) SetOverlay(new Dictionary<string, Entry>(other._overlay));
        if (other._forceSplit != null) SetForceSplit(new HashSet<string>(other._forceSplit));
        if (other._tags != null) _tags = new Dictionary<string, string>(other._tags);
    }

    public SegmenterDictionary Clone() => new(this);

    public bool HasOverlay => _overlay != null;
    public bool HasForceSplit => _forceSplit != null;

    public IReadOnlyDictionary<string, string> Tags => (IReadOnlyDictionary<string, string>?)_tags ?? new Dictionary<string, string>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetOverlay(ReadOnlySpan<char> fragment, out Entry entry) => _overlayLookup.TryGetValue(fragment, out entry);

    public bool IsForceSplit(ReadOnlySpan<char> word) => _forceSplit != null && _forceSplitLookup.Contains(word);

    /// <summary><c>word in FREQ</c> and <c>FREQ[word]</c>.</summary>
    public bool TryGetFreq(ReadOnlySpan<char> word, out int freq)
    {
        bool inOverlay = false;
        Entry e = default;
        if (_overlay != null && _overlayLookup.TryGetValue(word, out e))
        {
            inOverlay = true;
            if (e.IsSet) { freq = e.Freq; return true; }
        }
        int node = Base.Find(word);
        if (node != 0) { freq = Base.Freq(node); return true; }
        freq = 0;
        return inOverlay;
    }

    /// <summary><c>FREQ.get(word)</c> as a number (0 when missing).</summary>
    public int GetFreqOrZero(ReadOnlySpan<char> word) => TryGetFreq(word, out int f) ? f : 0;

    /// <summary>
    /// Appends to <paramref name="ends"/> the end index (inclusive, relative to <paramref name="s"/>) of every
    /// word with a positive frequency that starts at <paramref name="k"/>: jieba's <c>get_DAG</c> row, before its
    /// fallback to <c>[k]</c>. Returns the number appended (at most <c>s.Length - k</c>).
    /// </summary>
    public int WordEnds(ReadOnlySpan<char> s, int k, Span<int> ends)
    {
        if (_overlay == null) return Base.WordEnds(s, k, ends);
        int count = 0;
        int n = s.Length;
        var b = Base;
        int node = b.Root(s[k]);
        bool overlayAlive = _overlay != null;
        for (int i = k; ; )
        {
            int freq = 0;
            bool present = node != 0;
            if (overlayAlive)
            {
                if (_overlayLookup.TryGetValue(s[k..(i + 1)], out var e))
                {
                    present = true;
                    freq = e.IsSet ? e.Freq : node != 0 ? b.Freq(node) : 0;
                }
                else
                {
                    overlayAlive = false;
                    freq = node != 0 ? b.Freq(node) : 0;
                }
            }
            else if (node != 0) freq = b.Freq(node);
            if (!present) break;
            if (freq > 0) ends[count++] = i;
            i++;
            if (i >= n) break;
            node = node != 0 ? b.Child(node, s[i]) : 0;
            if (node == 0 && !overlayAlive) break;
        }
        return count;
    }

    /// <summary>
    /// jieba's <c>add_word(word, freq, tag)</c> with the frequency already decided: sets <c>FREQ[word]</c>,
    /// adds it to <c>total</c> (without subtracting an old value, as jieba does), adds missing prefixes with 0,
    /// records the tag, and marks the word force-split when <paramref name="freq"/> is 0.
    /// Only ever called on an unpublished clone.
    /// </summary>
    public void SetWord(string word, int freq, string? tag)
    {
        if (_overlay == null) SetOverlay(new Dictionary<string, Entry>(StringComparer.Ordinal));
        _overlay![word] = new Entry(freq, freq > 0 ? Math.Log(freq) : 0);
        Total += freq;
        LogTotal = Math.Log(Total);
        if (!string.IsNullOrEmpty(tag)) (_tags ??= new Dictionary<string, string>(StringComparer.Ordinal))[word] = tag;
        // Python slices code points: word[:ch + 1] never splits a surrogate pair.
        for (int i = 0; i < word.Length; )
        {
            i += CharClasses.CodePointLength(word, i);
            if (i >= word.Length) break;
            var prefix = word[..i];
            _overlay.TryAdd(prefix, PrefixOnly);
        }
        if (freq == 0)
        {
            if (_forceSplit == null) SetForceSplit(new HashSet<string>(StringComparer.Ordinal));
            _forceSplit!.Add(word);
        }
    }

    private void SetOverlay(Dictionary<string, Entry> overlay)
    {
        _overlay = overlay;
        _overlayLookup = overlay.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private void SetForceSplit(HashSet<string> set)
    {
        _forceSplit = set;
        _forceSplitLookup = set.GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
