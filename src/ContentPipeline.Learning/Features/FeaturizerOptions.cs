namespace ContentPipeline.Learning.Features;

/// <summary>
/// Settings of the block featurizer (hashed word and character n-grams plus dense shape/context features).
/// Recorded in the model file: a model is always applied with the featurizer it was trained with.
/// </summary>
public sealed record FeaturizerOptions
{
    /// <summary>Number of bits of the hashed text feature space (2^bits slots).</summary>
    public int HashBits { get; init; } = 18;
    /// <summary>Longest word n-gram (1 = unigrams, 2 = unigrams and bigrams).</summary>
    public int WordNgramLength { get; init; } = 2;
    /// <summary>
    /// The block's first and last this-many tokens also count as position-tagged words ("By …", "Photo: …", "… 摄"):
    /// how a block opens and closes says more about chrome than the same word inside a sentence. 0 turns them off.
    /// </summary>
    public int EdgeTokens { get; init; }
    public int CjkCharNgramMinLength { get; init; } = 1;
    public int CjkCharNgramMaxLength { get; init; } = 3;
    public int LatinCharNgramMinLength { get; init; } = 3;
    public int LatinCharNgramMaxLength { get; init; } = 4;
    /// <summary>Character n-grams are taken from at most this many leading characters of a block.</summary>
    public int MaximumCharsForCharNgrams { get; init; } = 400;
    /// <summary>Use 1 + ln(count) instead of raw counts for hashed n-grams.</summary>
    public bool LogScaleCounts { get; init; } = true;
    /// <summary>L2-normalise the hashed text part of each block's vector.</summary>
    public bool NormalizeText { get; init; } = true;
    /// <summary>Multiplier of the (normalised) hashed text part; lower it to lean on shape and context.</summary>
    public float TextFeatureScale { get; init; } = 1f;

    public void Validate()
    {
        if (HashBits is < 8 or > 24) throw new ArgumentOutOfRangeException(nameof(HashBits), HashBits, "must be in 8..24");
        if (WordNgramLength is < 0 or > 3) throw new ArgumentOutOfRangeException(nameof(WordNgramLength), WordNgramLength, "must be in 0..3");
        if (EdgeTokens is < 0 or > 4) throw new ArgumentOutOfRangeException(nameof(EdgeTokens), EdgeTokens, "must be in 0..4");
        if (CjkCharNgramMinLength < 1 || CjkCharNgramMaxLength > 4 || CjkCharNgramMinLength > CjkCharNgramMaxLength + 1)
            throw new ArgumentOutOfRangeException(nameof(CjkCharNgramMaxLength), "CJK char n-gram lengths must lie in 1..4 (min > max disables them)");
        if (LatinCharNgramMinLength < 1 || LatinCharNgramMaxLength > 4 || LatinCharNgramMinLength > LatinCharNgramMaxLength + 1)
            throw new ArgumentOutOfRangeException(nameof(LatinCharNgramMaxLength), "Latin char n-gram lengths must lie in 1..4 (min > max disables them)");
        if (MaximumCharsForCharNgrams < 0) throw new ArgumentOutOfRangeException(nameof(MaximumCharsForCharNgrams));
        if (!(TextFeatureScale >= 0 && float.IsFinite(TextFeatureScale))) throw new ArgumentOutOfRangeException(nameof(TextFeatureScale));
    }
}
