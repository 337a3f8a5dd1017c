using ContentPipeline.Learning.Features;

namespace ContentPipeline.Learning.Model;

/// <summary>
/// Input row of the context trees (the third stage): the linear context score, the second-stage features
/// (neighbours' scores, position) and every dense feature of the block. Trees find what a linear model cannot:
/// "short AND after the last prose paragraph AND a cue word", "a table cell inside the article".
/// </summary>
public static class ContextTreeFeatures
{
    public const int SecondStageFirst = 1, DenseFirst = 1 + SecondStageFeatures.Count;
    public const int Count = DenseFirst + DenseBlockFeatures.Count;

    public static string Name(int i) =>
        i == 0 ? "s2:linear_score" : i < DenseFirst ? SecondStageFeatures.Name(i - SecondStageFirst) : DenseBlockFeatures.Name(i - DenseFirst);

    /// <summary>Fills <paramref name="row"/> (length <see cref="Count"/>) for one block.</summary>
    public static void Fill(float linearScore, ReadOnlySpan<float> secondStage, ReadOnlySpan<float> dense, Span<float> row)
    {
        row[0] = Math.Clamp(linearScore, -20f, 20f);
        secondStage[..SecondStageFeatures.Count].CopyTo(row[SecondStageFirst..]);
        dense[..DenseBlockFeatures.Count].CopyTo(row[DenseFirst..]);
    }
}
