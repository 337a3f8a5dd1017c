namespace ContentPipeline.Jieba.FinalSeg;

/// <summary>
/// finalseg's <c>viterbi(obs, 'BMES', ...)</c> under the PrevStatus constraints
/// (B ← E|S, M ← M|B, S ← S|E, E ← B|M), with Python's tie-breaking: <c>max</c> over <c>(prob, state)</c> tuples
/// prefers the later letter on equal probabilities (S over E, M over B), and the final state is the better of E
/// and S (S on a tie). Each candidate is <c>(V[t-1][y0] + trans[y0][y]) + emit</c>, in that order.
/// </summary>
internal static class Viterbi
{
    /// <param name="obs">characters in [\u4E00-\u9FD5], at least one</param>
    /// <param name="states">receives the state of every character (length ≥ obs.Length)</param>
    /// <param name="back">scratch for back-pointers (length ≥ 4 * obs.Length)</param>
    public static void Run(HmmModel model, ReadOnlySpan<char> obs, Span<byte> states, Span<byte> back)
    {
        const int B = HmmModel.B, M = HmmModel.M, E = HmmModel.E, S = HmmModel.S;
        var emit = model.Emit;
        var tr = model.Trans;
        double tEB = tr[E * 4 + B], tSB = tr[S * 4 + B];
        double tMM = tr[M * 4 + M], tBM = tr[B * 4 + M];
        double tSS = tr[S * 4 + S], tES = tr[E * 4 + S];
        double tBE = tr[B * 4 + E], tME = tr[M * 4 + E];

        int e0 = (obs[0] - HmmModel.FirstChar) * 4;
        double vB = model.Start[B] + emit[e0 + B];
        double vM = model.Start[M] + emit[e0 + M];
        double vE = model.Start[E] + emit[e0 + E];
        double vS = model.Start[S] + emit[e0 + S];

        for (int t = 1; t < obs.Length; t++)
        {
            int ei = (obs[t] - HmmModel.FirstChar) * 4;
            double emB = emit[ei + B], emM = emit[ei + M], emE = emit[ei + E], emS = emit[ei + S];
            int bt = t * 4;

            double pE = vE + tEB + emB, pS = vS + tSB + emB;
            double nB; if (pS >= pE) { nB = pS; back[bt + B] = S; } else { nB = pE; back[bt + B] = E; }

            double pM = vM + tMM + emM, pB = vB + tBM + emM;
            double nM; if (pM >= pB) { nM = pM; back[bt + M] = M; } else { nM = pB; back[bt + M] = B; }

            pS = vS + tSS + emS; pE = vE + tES + emS;
            double nS; if (pS >= pE) { nS = pS; back[bt + S] = S; } else { nS = pE; back[bt + S] = E; }

            pB = vB + tBE + emE; pM = vM + tME + emE;
            double nE; if (pM >= pB) { nE = pM; back[bt + E] = M; } else { nE = pB; back[bt + E] = B; }

            vB = nB; vM = nM; vE = nE; vS = nS;
        }

        int last = obs.Length - 1;
        byte state = vS >= vE ? (byte)S : (byte)E;
        states[last] = state;
        for (int t = last; t > 0; t--)
        {
            state = back[t * 4 + state];
            states[t - 1] = state;
        }
    }
}
