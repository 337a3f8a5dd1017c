using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ContentPipeline.Learning.Data;

namespace ContentPipeline.Learning.Features;

/// <summary>
/// Turns a document into one sparse feature vector per block: hashed word n-grams (from the tokens) and
/// character n-grams (from the text), followed by the <see cref="DenseBlockFeatures"/> (shape, position,
/// neighbour windows). Index layout: [0, 2^HashBits) hashed text, then <see cref="DenseBlockFeatures.Count"/>
/// dense slots. Not thread-safe: keep one per thread (a prediction engine owns one).
/// </summary>
public sealed class BlockFeaturizer
{
    private const uint NsContainer = 0x3C6EF372, NsWord = 0x9E3779B1, NsBigram = 0x85EBCA77, NsTrigram = 0xC2B2AE3D, NsCjk = 0x27D4EB2F, NsLatin = 0x165667B1,
        NsStart = 0x61C88647, NsEnd = 0x7FEB352D, NsStartPair = 0x846CA68B;

    private readonly FeaturizerOptions _options;
    private readonly int _mask;
    // The block's n-gram counts, in a small open-addressing table (slot → hashed index, count) rather than an array
    // of 2^HashBits counters: a block has hundreds of n-grams, and a table that fits in L1 saves a cache miss per
    // n-gram. _touched keeps the slots in first-touch order, which fixes the order of a row's indices.
    private int[] _slotIndex = NewSlots(1024);
    private int[] _slotCount = new int[1024];
    private int[] _touched = new int[512];   // slots, in first-touch order
    private int _touchedCount;
    private readonly ScratchMap<int> _textCounts = new();
    private readonly ScratchMap<(int First, int Last)> _echoes = new();
    private ulong[] _echoKeys = new ulong[64];
    private readonly ScratchMap<WordSeen> _proseWords = new();
    private readonly Dictionary<string, int> _groups = new(StringComparer.Ordinal);
    private record struct WordSeen(int Blocks, int LastBlock);
    private uint[] _tokenHashes = new uint[1024];
    private bool[] _tokenIsContentWord = new bool[1024];
    private int[] _tokenStart = new int[65];
    private int[] _lengths = new int[64];
    private bool[] _prose = new bool[64];
    private int[] _patterns = new int[64];
    private ulong[] _textKeys = new ulong[64];
    private Dictionary<int, string>? _names;

    public BlockFeaturizer(FeaturizerOptions options)
    {
        options.Validate();
        _options = options;
        _mask = (1 << options.HashBits) - 1;
    }

    public FeaturizerOptions Options => _options;
    /// <summary>Index of the first dense feature.</summary>
    public int DenseOffset => 1 << _options.HashBits;
    /// <summary>Length of the feature vectors.</summary>
    public int Dimension => DenseOffset + DenseBlockFeatures.Count;

    /// <summary>Featurises every block of <paramref name="document"/> into <paramref name="output"/>.</summary>
    public void Featurize(TextDocument document, DocumentFeatures output) => Featurize(document, output, null);

    /// <summary>
    /// Same as <see cref="Featurize(TextDocument, DocumentFeatures)"/>, and records a readable name for every
    /// hashed slot it touches (slow; for explanations).
    /// </summary>
    public void Featurize(TextDocument document, DocumentFeatures output, Dictionary<int, string>? names)
    {
        _names = names;
        var blocks = document.Blocks;
        int n = blocks.Count;
        output.Reset(n);
        if (n == 0) return;
        HashTokens(blocks, n);
        ComputeDense(blocks, output);
        for (int b = 0; b < n; b++)
        {
            var block = blocks[b];
            _touchedCount = 0;
            var tokenHashes = _tokenHashes.AsSpan(_tokenStart[b], block.Tokens.Count);
            AddWordNgrams(block.Tokens, tokenHashes);
            if (_options.EdgeTokens > 0) AddEdgeTokens(block.Tokens, tokenHashes);
            AddCharNgrams(block.Text.AsSpan(0, Math.Min(block.Text.Length, _options.MaximumCharsForCharNgrams)));
            output.EnsureRoom(_touchedCount + DenseBlockFeatures.Count);
            int start = output.Length;
            EmitTextRow(output.Indices.AsSpan(start, _touchedCount), output.Values.AsSpan(start, _touchedCount));
            int len = start + _touchedCount;
            len = AddContainerWords(block.Container, output, len);
            // AddContainerWords may have grown the buffers: read them after it
            len = AppendNonZero(output.DenseRow(b), DenseOffset, output.Indices, output.Values, len);
            output.Length = len;
            output.RowStart[b + 1] = len;
        }
        _names = null;
    }

    /// <summary>
    /// Writes the block's counted n-grams (first-touch order) as (index, value) pairs and frees their slots: counts
    /// become 1 + ln(count) when <see cref="FeaturizerOptions.LogScaleCounts"/>, then the row is scaled to
    /// <see cref="FeaturizerOptions.TextFeatureScale"/> × unit norm. Not inlined, so that the loop's few live values
    /// stay in registers (inside <see cref="Featurize(TextDocument, DocumentFeatures)"/> the running sum spilled to the stack).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EmitTextRow(Span<int> indices, Span<float> values)
    {
        var touched = _touched.AsSpan(0, indices.Length);
        int[] slotIndex = _slotIndex, slotCount = _slotCount;
        var logCounts = LogCountTable;
        bool logScale = _options.LogScaleCounts;
        double sumSq = 0;
        for (int i = 0; i < touched.Length; i++)
        {
            int slot = touched[i];
            int c = slotCount[slot];
            indices[i] = slotIndex[slot];
            slotIndex[slot] = -1;
            float v = !logScale ? c : (uint)c < (uint)logCounts.Length ? logCounts[c] : 1f + MathF.Log(c);
            values[i] = v;
            sumSq += (double)v * v;
        }
        float scale = _options.TextFeatureScale;
        if (_options.NormalizeText && sumSq > 0) scale = (float)(scale / Math.Sqrt(sumSq));
        if (scale != 1f)
            for (int i = 0; i < values.Length; i++) values[i] *= scale;
    }

    /// <summary>
    /// Appends the non-zero entries of <paramref name="dense"/> (index <paramref name="offset"/> + j) to the sparse row
    /// ending at <paramref name="len"/>, in index order; returns the new length. Most dense features are 0 for a given
    /// block, so it skips them eight at a time.
    /// </summary>
    private static int AppendNonZero(ReadOnlySpan<float> dense, int offset, int[] idx, float[] val, int len)
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + Vector256<float>.Count <= dense.Length; j += Vector256<float>.Count)
            {
                var block = Vector256.Create(dense.Slice(j, Vector256<float>.Count));
                uint nonZero = ~Vector256.Equals(block, Vector256<float>.Zero).ExtractMostSignificantBits() & 0xFFu;
                while (nonZero != 0)
                {
                    int k = j + BitOperations.TrailingZeroCount(nonZero);
                    idx[len] = offset + k; val[len] = dense[k]; len++;
                    nonZero &= nonZero - 1;
                }
            }
        }
        for (; j < dense.Length; j++)
            if (dense[j] != 0) { idx[len] = offset + j; val[len] = dense[j]; len++; }
        return len;
    }

    /// <summary>
    /// One hashed slot per class/id/tag word around an HTML block, scaled to unit norm apart from the text n-grams so
    /// that a page's markup neither drowns nor dilutes what the block says.
    /// </summary>
    private int AddContainerWords(string? container, DocumentFeatures output, int len)
    {
        if (string.IsNullOrEmpty(container)) return len;
        var span = container.AsSpan();
        int words = 1;
        foreach (char c in span) if (c == ' ') words++;
        output.EnsureRoom(len - output.Length + words + DenseBlockFeatures.Count);
        float value = 1f / MathF.Sqrt(words);
        int first = len;
        foreach (var range in span.Split(' '))
        {
            var w = span[range];
            if (w.IsEmpty) continue;
            uint h = StableHash.OffsetBasis;
            foreach (char c in w) h = StableHash.AddChar(h, c);
            int slot = (int)(StableHash.Finalise(h ^ NsContainer) & (uint)_mask);
            bool seen = false;
            for (int i = first; i < len; i++) if (output.Indices[i] == slot) { seen = true; break; }
            if (seen) continue;
            output.Indices[len] = slot;
            output.Values[len] = value;
            len++;
            if (_names != null) _names.TryAdd(slot, "dom:" + w.ToString());
        }
        return len;
    }

    /// <summary>Readable name of a feature index (dense names only; hashed names need an explanation pass).</summary>
    public string DenseName(int index) => DenseBlockFeatures.Name(index - DenseOffset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Add(uint hash)
    {
        int h = (int)(StableHash.Finalise(hash) & (uint)_mask);
        var slots = _slotIndex;
        int tableMask = slots.Length - 1;
        int slot = h & tableMask;   // h is already mixed by the finaliser
        while (true)
        {
            int key = slots[slot];
            if (key == h) { _slotCount[slot]++; return; }
            if (key < 0) break;
            slot = (slot + 1) & tableMask;
        }
        slots[slot] = h;
        _slotCount[slot] = 1;
        if (_touchedCount == _touched.Length) Array.Resize(ref _touched, _touched.Length * 2);
        _touched[_touchedCount++] = slot;
        if (_touchedCount * 2 > slots.Length) GrowSlots();
    }

    // 1 + ln(count) for the small counts nearly every n-gram has: the same bits as computing it, without the call.
    private static readonly float[] LogCountTable = BuildLogCountTable(64);

    private static float[] BuildLogCountTable(int size)
    {
        var table = new float[size];
        for (int c = 1; c < size; c++) table[c] = 1f + MathF.Log(c);
        return table;
    }

    private static int[] NewSlots(int size)
    {
        var slots = new int[size];
        Array.Fill(slots, -1);
        return slots;
    }

    /// <summary>Doubles the table (kept at most half full), re-placing the touched slots in their order.</summary>
    private void GrowSlots()
    {
        var oldIndex = _slotIndex;
        var oldCount = _slotCount;
        _slotIndex = NewSlots(oldIndex.Length * 2);
        _slotCount = new int[_slotIndex.Length];
        int tableMask = _slotIndex.Length - 1;
        for (int i = 0; i < _touchedCount; i++)
        {
            int old = _touched[i], h = oldIndex[old];
            int slot = h & tableMask;
            while (_slotIndex[slot] >= 0) slot = (slot + 1) & tableMask;
            _slotIndex[slot] = h;
            _slotCount[slot] = oldCount[old];
            _touched[i] = slot;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsCjk(char c) => c >= '\u2E80' && c < '\uFF00' || c >= '\uFF66' && c <= '\uFFDC';

    /// <summary>Word n-grams from the tokens' folded hashes (<see cref="HashTokens"/>); the tokens only name them.</summary>
    private void AddWordNgrams(IReadOnlyList<string> tokens, ReadOnlySpan<uint> hashes)
    {
        int max = _options.WordNgramLength;
        if (max <= 0) return;
        uint prev = 0, prev2 = 0;
        int have = 0;
        int count = tokens.Count;
        for (int t = 0; t < count; t++)
        {
            string token = tokens[t];
            uint h = hashes[t];
            Add(h ^ NsWord);
            if (_names != null) Name(h ^ NsWord, "w:" + FoldString(token));
            if (max >= 2 && have >= 1)
            {
                uint b = StableHash.AddUInt(StableHash.AddUInt(NsBigram, prev), h);
                Add(b);
                if (_names != null) Name(b, "w2:" + FoldString(tokens[t - 1]) + " " + FoldString(token));
            }
            if (max >= 3 && have >= 2)
            {
                uint tri = StableHash.AddUInt(StableHash.AddUInt(StableHash.AddUInt(NsTrigram, prev2), prev), h);
                Add(tri);
                if (_names != null) Name(tri, "w3:" + FoldString(tokens[t - 2]) + " " + FoldString(tokens[t - 1]) + " " + FoldString(token));
            }
            prev2 = prev;
            prev = h;
            have++;
        }
    }

    /// <summary>
    /// The first and last <see cref="FeaturizerOptions.EdgeTokens"/> tokens tagged with their place (start 0, start 1 …,
    /// end 0 …), and the opening pair: a block's first words ("By", "Photo:", "About", "Hi, I'm") and last ("摄", "供图").
    /// </summary>
    private void AddEdgeTokens(IReadOnlyList<string> tokens, ReadOnlySpan<uint> hashes)
    {
        int k = Math.Min(_options.EdgeTokens, hashes.Length);
        for (int j = 0; j < k; j++)
        {
            uint start = StableHash.AddUInt(NsStart + (uint)j, hashes[j]);
            Add(start);
            if (_names != null) Name(start, $"start{j}:" + FoldString(tokens[j]));
            int last = hashes.Length - 1 - j;
            uint end = StableHash.AddUInt(NsEnd + (uint)j, hashes[last]);
            Add(end);
            if (_names != null) Name(end, $"end{j}:" + FoldString(tokens[last]));
        }
        if (k >= 2)
        {
            uint pair = StableHash.AddUInt(StableHash.AddUInt(NsStartPair, hashes[0]), hashes[1]);
            Add(pair);
            if (_names != null) Name(pair, "start:" + FoldString(tokens[0]) + " " + FoldString(tokens[1]));
        }
    }

    private void AddCharNgrams(ReadOnlySpan<char> text)
    {
        int cjkMin = _options.CjkCharNgramMinLength, cjkMax = _options.CjkCharNgramMaxLength;
        int latMin = _options.LatinCharNgramMinLength, latMax = _options.LatinCharNgramMaxLength;
        // The last four folded characters, newest first, in locals rather than a stackalloc'd ring: a method with
        // stackalloc is compiled once without tiering, so it never gets the profile-guided tier-1 code.
        char r0 = '\0', r1 = '\0', r2 = '\0', r3 = '\0';
        int run = 0;          // length of the current same-script run (capped at 4)
        bool runCjk = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = TextFold.Char(text[i]);
            if (c == ' ' && r0 == ' ') continue;
            bool cjk = IsCjk(c);
            if (run == 0 || cjk != runCjk) { run = 0; runCjk = cjk; }
            r3 = r2; r2 = r1; r1 = r0; r0 = c;
            if (run < 4) run++;
            int lo = cjk ? cjkMin : latMin, hi = cjk ? cjkMax : latMax;
            if (hi > run) hi = run;
            // n-gram hashes grow from the newest character backwards: one AddChar per length, unrolled.
            uint h = cjk ? NsCjk : NsLatin;
            if (hi < 1) continue;
            h = StableHash.AddChar(h, r0);
            if (lo <= 1) AddCharGram(h, 1, r0, r1, r2, r3);
            if (hi < 2) continue;
            h = StableHash.AddChar(h, r1);
            if (lo <= 2) AddCharGram(h, 2, r0, r1, r2, r3);
            if (hi < 3) continue;
            h = StableHash.AddChar(h, r2);
            if (lo <= 3) AddCharGram(h, 3, r0, r1, r2, r3);
            if (hi < 4) continue;
            if (lo <= 4) AddCharGram(StableHash.AddChar(h, r3), 4, r0, r1, r2, r3);
        }
    }

    /// <summary>Counts the character n-gram of length <paramref name="len"/> (hash of its folded characters, newest first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddCharGram(uint hash, int len, char r0, char r1, char r2, char r3)
    {
        uint g = hash + (uint)len;
        Add(g);
        if (_names != null) Name(g, "c:" + CharGram(len, r0, r1, r2, r3));
    }

    private static string CharGram(int len, char r0, char r1, char r2, char r3)
    {
        ReadOnlySpan<char> newestFirst = [r0, r1, r2, r3];
        var gram = new char[len];
        for (int k = 0; k < len; k++) gram[k] = newestFirst[len - 1 - k];
        return new string(gram);
    }

    private static string FoldString(string s)
    {
        Span<char> buf = s.Length <= 256 ? stackalloc char[s.Length] : new char[s.Length];
        for (int i = 0; i < s.Length; i++) buf[i] = TextFold.Char(s[i]);
        return buf.ToString();
    }

    private void Name(uint hash, string name)
    {
        int h = (int)(StableHash.Finalise(hash) & (uint)_mask);
        _names!.TryAdd(h, name);
    }

    private void ComputeDense(IReadOnlyList<TextBlock> blocks, DocumentFeatures output)
    {
        int n = blocks.Count;
        if (_lengths.Length < n)
        {
            _lengths = new int[Math.Max(n, _lengths.Length * 2)];
            _textKeys = new ulong[_lengths.Length];
            _echoKeys = new ulong[_lengths.Length];
        }
        _textCounts.Clear();
        _echoes.Clear();
        _groups.Clear();
        long total = 0;
        for (int b = 0; b < n; b++)
        {
            var block = blocks[b];
            DenseBlockFeatures.ComputeShape(block, output.DenseRow(b), _tokenHashes.AsSpan(_tokenStart[b], block.Tokens.Count));
            if (!string.IsNullOrEmpty(block.Container))
            {
                // Blocks of one page template share their container string: the group is its first block.
                ref int first = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_groups, block.Container, out bool known);
                if (!known) first = b;
                output.Group[b] = first;
            }
            var text = block.Text.AsSpan().Trim();
            _lengths[b] = text.Length;
            total += text.Length;
            ulong key = ((ulong)StableHash.Fnv1a(text) << 32) | (uint)text.Length;
            _textKeys[b] = key;
            if (text.Length > 0)
            {
                ref int count = ref _textCounts.GetValueRefOrAddDefault(key, out _);
                count++;
            }
            var words = EchoWords(text);
            ulong echo = words.Length < 2 ? 0 : ((ulong)StableHash.Fnv1a(words) << 32) | (uint)words.Length;
            _echoKeys[b] = echo;
            if (echo != 0)
            {
                ref var span = ref _echoes.GetValueRefOrAddDefault(echo, out bool seen);
                span = seen ? (span.First, b) : (b, b);
            }
        }
        int[] sorted = ArrayPool<int>.Shared.Rent(n);
        _lengths.AsSpan(0, n).CopyTo(sorted);
        Array.Sort(sorted, 0, n);
        double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
        ArrayPool<int>.Shared.Return(sorted);
        if (median < 1) median = 1;

        long before = 0;
        float invLast = n > 1 ? 1f / (n - 1) : 0;
        for (int b = 0; b < n; b++)
        {
            var f = output.DenseRow(b);
            int len = _lengths[b];
            f[DenseBlockFeatures.RelativePosition] = b * invLast;
            f[DenseBlockFeatures.DistanceToEnd] = (n - 1 - b) * invLast;
            f[DenseBlockFeatures.LogBlocksToEnd] = MathF.Log(1 + n - 1 - b) / 5f;
            f[DenseBlockFeatures.LogBlocksFromStart] = MathF.Log(1 + b) / 5f;
            f[DenseBlockFeatures.IsFirst] = b == 0 ? 1 : 0;
            f[DenseBlockFeatures.IsLast] = b == n - 1 ? 1 : 0;
            f[DenseBlockFeatures.IsDuplicate] = len > 0 && _textCounts[_textKeys[b]] > 1 ? 1 : 0;
            if (_echoKeys[b] != 0)
            {
                var (first, last) = _echoes[_echoKeys[b]];
                f[DenseBlockFeatures.EchoedLater] = last > b ? 1 : 0;
                f[DenseBlockFeatures.EchoesEarlier] = first < b ? 1 : 0;
            }
            f[DenseBlockFeatures.LengthToMedian] = Math.Clamp((float)Math.Log((len + 1) / (median + 1)), -4f, 4f) / 4f;
            f[DenseBlockFeatures.CharsBefore] = total == 0 ? 0 : (float)((double)before / total);
            before += len;
            f[DenseBlockFeatures.CharsAfter] = total == 0 ? 0 : (float)((double)(total - before) / total);
        }
        // Runs of the same kind and of short blocks.
        FillRuns(blocks, output, n, shortRuns: false);
        FillRuns(blocks, output, n, shortRuns: true);
        FillMainTextRun(blocks, output, n);
        // Neighbour windows (mean shape of the neighbours, self excluded).
        const int S = DenseBlockFeatures.ShapeCount;
        for (int b = 0; b < n; b++)
        {
            var f = output.DenseRow(b);
            AverageWindow(output, n, b, 1, f.Slice(DenseBlockFeatures.Window1First, S));
            AverageWindow(output, n, b, 5, f.Slice(DenseBlockFeatures.Window3First, S));
        }
    }

    /// <summary>
    /// A block's words without the numbering or bullet in front and the colon behind, so that a contents entry
    /// ("2.1 Making a starter", "▪ 竖井") matches the heading it points to.
    /// </summary>
    private static ReadOnlySpan<char> EchoWords(ReadOnlySpan<char> text)
    {
        int start = 0;
        while (start < text.Length && text[start] is (>= '0' and <= '9') or '.' or ')' or '）' or '、' or ' ' or '\t'
                   or '▪' or '•' or '·' or '●' or '◦' or '▸' or '►' or '-' or '–' or '*' or '#' or '\u3000')
            start++;
        return text[start..].TrimEnd(" \t:：");
    }

    /// <summary>
    /// <see cref="DenseBlockFeatures.ProseOverlap"/>: for every block, the share of its content words (Latin words of
    /// 4+ letters, Chinese words of 2+ characters) that occur in the document's prose blocks other than itself.
    /// Per word hash it keeps the number of distinct prose blocks that use it; a hash of 0 is an ordinary key.
    /// </summary>
    private void FillProseOverlap(DocumentFeatures output, int n)
    {
        _proseWords.Clear();
        for (int b = 0; b < n; b++)
        {
            if (!_prose[b]) continue;
            for (int w = _tokenStart[b]; w < _tokenStart[b + 1]; w++)
            {
                if (!_tokenIsContentWord[w]) continue;
                ref var seen = ref _proseWords.GetValueRefOrAddDefault(_tokenHashes[w], out bool exists);
                if (!exists || seen.LastBlock != b) { seen.Blocks++; seen.LastBlock = b; }
            }
        }
        if (_proseWords.Count == 0) return;
        for (int b = 0; b < n; b++)
        {
            // A prose block's own words are in the counts: it needs them in a second prose block.
            int needed = _prose[b] ? 2 : 1, words = 0, shared = 0;
            for (int w = _tokenStart[b]; w < _tokenStart[b + 1]; w++)
            {
                if (!_tokenIsContentWord[w]) continue;
                words++;
                if (_proseWords.TryGetValue(_tokenHashes[w], out var seen) && seen.Blocks >= needed) shared++;
            }
            if (words > 0) output.DenseRow(b)[DenseBlockFeatures.ProseOverlap] = (float)shared / words;
        }
    }

    /// <summary>Words long enough to say something: Chinese words of 2+ characters, other words of 4+.</summary>
    private static bool IsContentWord(string token) =>
        token.Length >= 4 || token.Length >= 2 && IsCjk(token[0]);

    /// <summary>
    /// The folded hash of every token of the document, once, and whether it is a content word (<see cref="IsContentWord"/>):
    /// the word n-grams and the prose overlap read these arrays, not the strings. Block b's tokens start at <c>_tokenStart[b]</c>.
    /// </summary>
    private void HashTokens(IReadOnlyList<TextBlock> blocks, int n)
    {
        int total = 0;
        for (int b = 0; b < n; b++) total += blocks[b].Tokens.Count;
        if (_tokenHashes.Length < total)
        {
            _tokenHashes = new uint[Math.Max(total, _tokenHashes.Length * 2)];
            _tokenIsContentWord = new bool[_tokenHashes.Length];
        }
        if (_tokenStart.Length < n + 1) _tokenStart = new int[Math.Max(n + 1, _tokenStart.Length * 2)];
        int w = 0;
        for (int b = 0; b < n; b++)
        {
            _tokenStart[b] = w;
            var tokens = blocks[b].Tokens;
            for (int t = 0; t < tokens.Count; t++)
            {
                string token = tokens[t];
                _tokenIsContentWord[w] = IsContentWord(token);
                _tokenHashes[w++] = TextFold.Hash(token);
            }
        }
        _tokenStart[n] = w;
    }

    /// <summary>
    /// Features of the document's main text run: distance (blocks, characters) to the nearest long prose paragraph
    /// before and after, prose share around the block, the run of non-prose blocks it belongs to, and repeated
    /// outline patterns with the neighbours.
    /// </summary>
    private void FillMainTextRun(IReadOnlyList<TextBlock> blocks, DocumentFeatures output, int n)
    {
        if (_prose.Length < n) { _prose = new bool[Math.Max(n, _prose.Length * 2)]; _patterns = new int[_prose.Length]; }
        for (int b = 0; b < n; b++)
        {
            _prose[b] = DenseBlockFeatures.LooksLikeProse(output.DenseRow(b), _lengths[b]);
            _patterns[b] = DenseBlockFeatures.Pattern(blocks[b].Text.AsSpan().Trim());
        }
        FillProseOverlap(output, n);
        // forward pass: last prose before
        int last = -1; long charsSince = 0;
        for (int b = 0; b < n; b++)
        {
            var f = output.DenseRow(b);
            f[DenseBlockFeatures.IsProse] = _prose[b] ? 1 : 0;
            if (last < 0) { f[DenseBlockFeatures.NoProseBefore] = 1; f[DenseBlockFeatures.ProseBlocksBefore] = 1; f[DenseBlockFeatures.ProseCharsBefore] = 1; }
            else
            {
                f[DenseBlockFeatures.ProseBlocksBefore] = Math.Min(1f, MathF.Log(b - last) / 4f);
                f[DenseBlockFeatures.ProseCharsBefore] = Math.Min(1f, MathF.Log(1 + charsSince) / 9f);
            }
            if (_prose[b]) { last = b; charsSince = 0; } else charsSince += _lengths[b];
        }
        int next = -1; charsSince = 0;
        for (int b = n - 1; b >= 0; b--)
        {
            var f = output.DenseRow(b);
            if (next < 0) { f[DenseBlockFeatures.NoProseAfter] = 1; f[DenseBlockFeatures.ProseBlocksAfter] = 1; f[DenseBlockFeatures.ProseCharsAfter] = 1; }
            else
            {
                f[DenseBlockFeatures.ProseBlocksAfter] = Math.Min(1f, MathF.Log(next - b) / 4f);
                f[DenseBlockFeatures.ProseCharsAfter] = Math.Min(1f, MathF.Log(1 + charsSince) / 9f);
            }
            if (_prose[b]) { next = b; charsSince = 0; } else charsSince += _lengths[b];
        }
        for (int b = 0; b < n; b++)
        {
            var f = output.DenseRow(b);
            f[DenseBlockFeatures.ProseShare3] = ProseShare(n, b, 3);
            f[DenseBlockFeatures.ProseShare6] = ProseShare(n, b, 6);
            bool prevSame = b > 0 && _patterns[b] == _patterns[b - 1];
            bool nextSame = b + 1 < n && _patterns[b] == _patterns[b + 1];
            f[DenseBlockFeatures.SamePatternPrev] = prevSame ? 1 : 0;
            f[DenseBlockFeatures.SamePatternNext] = nextSame ? 1 : 0;
        }
        // runs of equal patterns
        for (int start = 0, b = 1; b <= n; b++)
        {
            if (b < n && _patterns[b] == _patterns[start]) continue;
            float value = MathF.Log(b - start) / 3f;
            for (int k = start; k < b; k++) output.DenseRow(k)[DenseBlockFeatures.PatternRun] = value;
            start = b;
        }
        // runs of non-prose blocks
        for (int start = 0, b = 0; b <= n; b++)
        {
            if (b < n && !_prose[b]) continue;
            int length = b - start;
            if (length > 0)
            {
                long chars = 0; int lists = 0;
                float digits = 0, colons = 0, sentenceEnds = 0, prices = 0, times = 0, cues = 0, links = 0, marker = 0, overlap = 0, echoes = 0;
                for (int k = start; k < b; k++)
                {
                    chars += _lengths[k];
                    if (blocks[k].Kind is BlockKind.ListItem or BlockKind.Line) lists++;
                    var s = output.DenseRow(k);
                    digits += s[DenseBlockFeatures.DigitRatio];
                    colons += s[DenseBlockFeatures.ColonPrefix];
                    sentenceEnds += s[DenseBlockFeatures.EndsWithSentenceEnd];
                    prices += s[DenseBlockFeatures.PriceCount] > 0 ? 1 : 0;
                    times += s[DenseBlockFeatures.TimeStamp] + s[DenseBlockFeatures.Date] > 0 ? 1 : 0;
                    cues += s[DenseBlockFeatures.HasCue];
                    links += s[DenseBlockFeatures.LinkDensity];
                    marker = MathF.Max(marker, s[DenseBlockFeatures.SectionMarker]);
                    overlap += s[DenseBlockFeatures.ProseOverlap];
                    echoes += MathF.Max(s[DenseBlockFeatures.EchoedLater], s[DenseBlockFeatures.EchoesEarlier]);
                }
                float runLength = MathF.Log(1 + length) / 3f;
                float meanLength = MathF.Log(1 + (float)chars / length) / 6f;
                float listShare = (float)lists / length;
                float inv = 1f / length;
                for (int k = start; k < b; k++)
                {
                    var f = output.DenseRow(k);
                    f[DenseBlockFeatures.GapRunLength] = runLength;
                    f[DenseBlockFeatures.GapRunPosition] = length == 1 ? 0.5f : (float)(k - start) / (length - 1);
                    f[DenseBlockFeatures.GapRunMeanLength] = meanLength;
                    f[DenseBlockFeatures.GapRunListShare] = listShare;
                    f[DenseBlockFeatures.GapRunDigits] = digits * inv;
                    f[DenseBlockFeatures.GapRunColonPrefix] = colons * inv;
                    f[DenseBlockFeatures.GapRunSectionMarker] = marker;
                    f[DenseBlockFeatures.GapRunSentenceEnd] = sentenceEnds * inv;
                    f[DenseBlockFeatures.GapRunPrice] = prices * inv;
                    f[DenseBlockFeatures.GapRunTime] = times * inv;
                    f[DenseBlockFeatures.GapRunCue] = cues * inv;
                    f[DenseBlockFeatures.GapRunLinks] = links * inv;
                    f[DenseBlockFeatures.GapRunProseOverlap] = overlap * inv;
                    f[DenseBlockFeatures.GapRunEchoes] = echoes * inv;
                }
                // a label-like short head (heading / colon line) directly before a run of list items or lines
                if (length >= 3 && blocks[start].Kind is not (BlockKind.ListItem or BlockKind.Line) && _lengths[start] < 40)
                    output.DenseRow(start)[DenseBlockFeatures.GapRunHeadOfRun] = 1;
            }
            start = b + 1;
        }
    }

    private float ProseShare(int n, int b, int radius)
    {
        int lo = Math.Max(0, b - radius), hi = Math.Min(n - 1, b + radius), count = 0, prose = 0;
        for (int j = lo; j <= hi; j++) { if (j == b) continue; count++; if (_prose[j]) prose++; }
        return count == 0 ? 0 : (float)prose / count;
    }

    private void FillRuns(IReadOnlyList<TextBlock> blocks, DocumentFeatures output, int n, bool shortRuns)
    {
        int start = 0;
        for (int b = 1; b <= n; b++)
        {
            bool same = b < n && (shortRuns
                ? (_lengths[b] < 60) == (_lengths[start] < 60)
                : blocks[b].Kind == blocks[start].Kind);
            if (same) continue;
            int runLength = b - start;
            float value = MathF.Log(1 + runLength) / 3f;
            for (int k = start; k < b; k++)
            {
                if (shortRuns) output.DenseRow(k)[DenseBlockFeatures.ShortRun] = _lengths[k] < 60 ? value : 0;
                else output.DenseRow(k)[DenseBlockFeatures.SameKindRun] = value;
            }
            start = b;
        }
    }

    private static void AverageWindow(DocumentFeatures output, int n, int b, int radius, Span<float> dst)
    {
        int lo = Math.Max(0, b - radius), hi = Math.Min(n - 1, b + radius);
        int count = hi - lo; // self excluded
        if (count == 0) return;
        // Element-wise, so several lanes at a time give the same bits as one at a time.
        const int S = DenseBlockFeatures.ShapeCount;
        dst = dst[..S];
        int width = Vector<float>.Count, vectorEnd = Vector.IsHardwareAccelerated ? S / width * width : 0;
        for (int j = lo; j <= hi; j++)
        {
            if (j == b) continue;
            var src = output.DenseRow(j)[..S];
            int k = 0;
            for (; k < vectorEnd; k += width) (new Vector<float>(dst[k..]) + new Vector<float>(src[k..])).CopyTo(dst[k..]);
            for (; k < S; k++) dst[k] += src[k];
        }
        float inv = 1f / count;
        int m = 0;
        for (; m < vectorEnd; m += width) (new Vector<float>(dst[m..]) * inv).CopyTo(dst[m..]);
        for (; m < S; m++) dst[m] *= inv;
    }
}
