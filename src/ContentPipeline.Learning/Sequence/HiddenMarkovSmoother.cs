namespace ContentPipeline.Learning.Sequence;

/// <summary>
/// A 2-state hidden Markov model over the blocks of a document (state 0 = content, 1 = boilerplate).
/// Boilerplate comes in runs: the transition probabilities, learnt from labelled documents, let a block's
/// neighbours pull its label. Per-block classifier probabilities p(state | block) are turned into scaled
/// emission likelihoods p(state | block) / p(state).
/// </summary>
public sealed class HiddenMarkovSmoother
{
    /// <param name="startBoilerplate">P(first block is boilerplate).</param>
    /// <param name="contentToBoilerplate">P(next is boilerplate | this is content).</param>
    /// <param name="boilerplateToContent">P(next is content | this is boilerplate).</param>
    /// <param name="priorBoilerplate">Share of boilerplate blocks (the prior the probabilities were made under).</param>
    public HiddenMarkovSmoother(double startBoilerplate, double contentToBoilerplate, double boilerplateToContent, double priorBoilerplate, double strength = 1)
    {
        if (!(strength >= 0 && strength <= 1)) throw new ArgumentOutOfRangeException(nameof(strength), strength, "must lie in [0, 1]");
        Strength = strength;
        Check(startBoilerplate, nameof(startBoilerplate));
        Check(contentToBoilerplate, nameof(contentToBoilerplate));
        Check(boilerplateToContent, nameof(boilerplateToContent));
        Check(priorBoilerplate, nameof(priorBoilerplate));
        StartBoilerplate = startBoilerplate;
        ContentToBoilerplate = contentToBoilerplate;
        BoilerplateToContent = boilerplateToContent;
        PriorBoilerplate = priorBoilerplate;
    }

    private static void Check(double p, string name)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(name, p, "must lie strictly between 0 and 1");
    }

    public double StartBoilerplate { get; }
    public double ContentToBoilerplate { get; }
    public double BoilerplateToContent { get; }
    public double PriorBoilerplate { get; }
    /// <summary>
    /// How far the learnt transitions are used: 1 = as learnt, 0 = independent blocks (the posterior is then the
    /// block's own probability). In between, each transition row is mixed with the prior.
    /// </summary>
    public double Strength { get; }

    /// <summary>The same transitions used with another <see cref="Strength"/>.</summary>
    public HiddenMarkovSmoother WithStrength(double strength) =>
        new(StartBoilerplate, ContentToBoilerplate, BoilerplateToContent, PriorBoilerplate, strength);

    private (double A01, double A10, double Start) Effective() =>
        (Strength * ContentToBoilerplate + (1 - Strength) * PriorBoilerplate,
         Strength * BoilerplateToContent + (1 - Strength) * (1 - PriorBoilerplate),
         Strength * StartBoilerplate + (1 - Strength) * PriorBoilerplate);

    /// <summary>
    /// Learns the transitions from labelled sequences (true = boilerplate), with add-one smoothing.
    /// </summary>
    public static HiddenMarkovSmoother Fit(IEnumerable<IReadOnlyList<bool>> sequences)
    {
        double start1 = 1, start = 2, c2b = 1, cFrom = 2, b2c = 1, bFrom = 2, boiler = 1, total = 2;
        foreach (var seq in sequences)
        {
            if (seq.Count == 0) continue;
            start++;
            if (seq[0]) start1++;
            for (int i = 0; i < seq.Count; i++)
            {
                total++;
                if (seq[i]) boiler++;
                if (i == 0) continue;
                if (seq[i - 1]) { bFrom++; if (!seq[i]) b2c++; }
                else { cFrom++; if (seq[i]) c2b++; }
            }
        }
        return new HiddenMarkovSmoother(start1 / start, c2b / cFrom, b2c / bFrom, boiler / total);
    }

    private void Emissions(ReadOnlySpan<float> p, int t, out double e0, out double e1)
    {
        double pb = Math.Clamp(p[t], 1e-6, 1 - 1e-6);
        e1 = pb / PriorBoilerplate;
        e0 = (1 - pb) / (1 - PriorBoilerplate);
    }

    /// <summary>
    /// Forward–backward: writes P(block t is boilerplate | all blocks) into <paramref name="posterior"/>.
    /// Scaled in place so that long documents do not underflow. <paramref name="scratch"/> needs 2·n values.
    /// </summary>
    public void Smooth(ReadOnlySpan<float> probabilities, Span<float> posterior, Span<double> scratch)
    {
        int n = probabilities.Length;
        if (n == 0) return;
        if (scratch.Length < 2 * n) throw new ArgumentException("scratch must hold 2·n values", nameof(scratch));
        var (e01, e10, start) = Effective();
        double a00 = 1 - e01, a01 = e01, a10 = e10, a11 = 1 - e10;
        // forward (alpha[t] = P(state_t = boilerplate | x_1..t)), stored in scratch[0..n)
        var fwd = scratch[..n];
        Emissions(probabilities, 0, out double e0, out double e1);
        double f0 = (1 - start) * e0, f1 = start * e1;
        double z = f0 + f1; f0 /= z; f1 /= z;
        fwd[0] = f1;
        for (int t = 1; t < n; t++)
        {
            Emissions(probabilities, t, out e0, out e1);
            double n0 = (f0 * a00 + f1 * a10) * e0;
            double n1 = (f0 * a01 + f1 * a11) * e1;
            z = n0 + n1; f0 = n0 / z; f1 = n1 / z;
            fwd[t] = f1;
        }
        // backward (beta, normalised), combined on the fly
        double b0 = 1, b1 = 1;
        posterior[n - 1] = (float)fwd[n - 1];
        for (int t = n - 2; t >= 0; t--)
        {
            Emissions(probabilities, t + 1, out e0, out e1);
            double nb0 = a00 * e0 * b0 + a01 * e1 * b1;
            double nb1 = a10 * e0 * b0 + a11 * e1 * b1;
            z = nb0 + nb1; b0 = nb0 / z; b1 = nb1 / z;
            double p1 = fwd[t] * b1, p0 = (1 - fwd[t]) * b0;
            posterior[t] = (float)(p1 / (p0 + p1));
        }
    }

    /// <summary>Most likely label sequence (Viterbi, in log space); true = boilerplate.</summary>
    public void Viterbi(ReadOnlySpan<float> probabilities, Span<bool> path)
    {
        int n = probabilities.Length;
        if (n == 0) return;
        var (e01, e10, start) = Effective();
        double l00 = Math.Log(1 - e01), l01 = Math.Log(e01);
        double l10 = Math.Log(e10), l11 = Math.Log(1 - e10);
        var back = n <= 1024 ? stackalloc byte[n] : new byte[n];
        Emissions(probabilities, 0, out double e0, out double e1);
        double v0 = Math.Log(1 - start) + Math.Log(e0), v1 = Math.Log(start) + Math.Log(e1);
        for (int t = 1; t < n; t++)
        {
            Emissions(probabilities, t, out e0, out e1);
            double from0to0 = v0 + l00, from1to0 = v1 + l10;
            double from0to1 = v0 + l01, from1to1 = v1 + l11;
            byte bits = 0;
            double n0, n1;
            if (from1to0 > from0to0) { n0 = from1to0; bits |= 1; } else n0 = from0to0;
            if (from1to1 >= from0to1) { n1 = from1to1; bits |= 2; } else n1 = from0to1;
            back[t] = bits;
            v0 = n0 + Math.Log(e0);
            v1 = n1 + Math.Log(e1);
        }
        bool state = v1 > v0;
        for (int t = n - 1; t >= 0; t--)
        {
            path[t] = state;
            if (t > 0) state = state ? (back[t] & 2) != 0 : (back[t] & 1) != 0;
        }
    }
}
