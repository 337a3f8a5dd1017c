using ContentPipeline.Segment;

namespace ContentPipeline.Classify;

/// <summary>Labels every block of one document. Implementations are used from one thread at a time.</summary>
public interface IBlockLabeler
{
    /// <summary>Identifies the model (file hash) for stage fingerprints; "none" when no model is used.</summary>
    string Version { get; }

    /// <summary>Appends one label per block, in block order.</summary>
    void Label(IReadOnlyList<SegmentedBlock> document, List<BlockLabel> labels);
}

/// <summary>Without a model, every block is kept as content with no probability (stated in the README).</summary>
public sealed class NoModelLabeler : IBlockLabeler
{
    public string Version => "none";

    public void Label(IReadOnlyList<SegmentedBlock> document, List<BlockLabel> labels)
    {
        foreach (var b in document)
            labels.Add(new BlockLabel { DocId = b.DocId, BlockIndex = b.BlockIndex, Label = Labels.Content, Probability = null });
    }
}
