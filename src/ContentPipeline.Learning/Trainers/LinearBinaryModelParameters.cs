using System.Runtime.CompilerServices;

namespace ContentPipeline.Learning.Trainers;

/// <summary>A trained linear model: score = bias + Σ weights[i]·x[i] (the logit of the positive class).</summary>
public sealed class LinearBinaryModelParameters
{
    public LinearBinaryModelParameters(float[] weights, float bias)
    {
        Weights = weights ?? throw new ArgumentNullException(nameof(weights));
        Bias = bias;
    }

    public float[] Weights { get; }
    public float Bias { get; }
    public int Dimension => Weights.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Score(ReadOnlySpan<int> indices, ReadOnlySpan<float> values)
    {
        var w = Weights;
        float s = Bias;
        for (int i = 0; i < indices.Length; i++) s += w[indices[i]] * values[i];
        return s;
    }

    /// <summary>
    /// The score, and in <paramref name="partBelow"/> the share of it from features with index below
    /// <paramref name="split"/> (no bias): one pass gives both the whole evidence and one family's part of it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Score(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, int split, out float partBelow)
    {
        var w = Weights;
        float below = 0, above = 0;
        for (int i = 0; i < indices.Length; i++)
        {
            int j = indices[i];
            float c = w[j] * values[i];
            if (j < split) below += c; else above += c;
        }
        partBelow = below;
        return Bias + below + above;
    }

    /// <summary>Score of a dense row (length <see cref="Dimension"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Score(ReadOnlySpan<float> row)
    {
        var w = Weights;
        float s = Bias;
        for (int j = 0; j < row.Length; j++) s += w[j] * row[j];
        return s;
    }

    public static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));
}
