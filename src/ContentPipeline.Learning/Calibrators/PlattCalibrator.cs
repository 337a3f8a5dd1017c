namespace ContentPipeline.Learning.Calibrators;

/// <summary>
/// Platt scaling: P(positive | score) = 1 / (1 + exp(Slope·score + Offset)). Fitted on out-of-fold
/// scores so that the probabilities are honest on unseen documents.
/// </summary>
public sealed class PlattCalibrator
{
    public PlattCalibrator(double slope, double offset)
    {
        Slope = slope;
        Offset = offset;
    }

    public double Slope { get; }
    public double Offset { get; }

    public float PredictProbability(float score)
    {
        double t = Slope * score + Offset;
        return (float)(t >= 0 ? Math.Exp(-t) / (1 + Math.Exp(-t)) : 1 / (1 + Math.Exp(t)));
    }
}

/// <summary>
/// Fits a <see cref="PlattCalibrator"/> with Newton's method and backtracking (Lin, Lin and Weng, 2007),
/// using Platt's smoothed targets (N₊+1)/(N₊+2) and 1/(N₋+2).
/// </summary>
public static class PlattCalibratorTrainer
{
    public static PlattCalibrator Fit(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels)
    {
        if (scores.Length != labels.Length) throw new ArgumentException("scores and labels differ in length");
        int n = scores.Length;
        double pos = 0, neg = 0;
        foreach (bool l in labels) { if (l) pos++; else neg++; }
        double hi = (pos + 1) / (pos + 2), lo = 1 / (neg + 2);
        var t = new double[n];
        for (int i = 0; i < n; i++) t[i] = labels[i] ? hi : lo;
        double a = 0, b = Math.Log((neg + 1) / (pos + 1));
        double sigma = 1e-12, minStep = 1e-10;
        double F = Objective(scores, t, a, b);
        for (int it = 0; it < 100; it++)
        {
            double h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0;
            for (int i = 0; i < n; i++)
            {
                double fApB = scores[i] * a + b;
                double p, q;
                if (fApB >= 0) { p = Math.Exp(-fApB) / (1 + Math.Exp(-fApB)); q = 1 / (1 + Math.Exp(-fApB)); }
                else { p = 1 / (1 + Math.Exp(fApB)); q = Math.Exp(fApB) / (1 + Math.Exp(fApB)); }
                double d2 = p * q;
                h11 += scores[i] * scores[i] * d2;
                h22 += d2;
                h21 += scores[i] * d2;
                double d1 = t[i] - p;
                g1 += scores[i] * d1;
                g2 += d1;
            }
            if (Math.Abs(g1) < 1e-5 && Math.Abs(g2) < 1e-5) break;
            double det = h11 * h22 - h21 * h21;
            double dA = -(h22 * g1 - h21 * g2) / det;
            double dB = -(-h21 * g1 + h11 * g2) / det;
            double gd = g1 * dA + g2 * dB;
            double step = 1;
            bool moved = false;
            while (step >= minStep)
            {
                double na = a + step * dA, nb = b + step * dB;
                double nf = Objective(scores, t, na, nb);
                if (nf < F + 1e-4 * step * gd) { a = na; b = nb; F = nf; moved = true; break; }
                step /= 2;
            }
            if (!moved) break;
        }
        return new PlattCalibrator(a, b);
    }

    private static double Objective(ReadOnlySpan<float> scores, double[] t, double a, double b)
    {
        double f = 0;
        for (int i = 0; i < t.Length; i++)
        {
            double fApB = scores[i] * a + b;
            f += fApB >= 0 ? t[i] * fApB + Math.Log(1 + Math.Exp(-fApB)) : (t[i] - 1) * fApB + Math.Log(1 + Math.Exp(fApB));
        }
        return f;
    }
}
