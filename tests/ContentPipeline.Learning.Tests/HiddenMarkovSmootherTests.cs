using ContentPipeline.Learning.Sequence;

namespace ContentPipeline.Learning.Tests;

public class HiddenMarkovSmootherTests
{
    private static readonly HiddenMarkovSmoother Sticky = new(startBoilerplate: 0.1, contentToBoilerplate: 0.05, boilerplateToContent: 0.05, priorBoilerplate: 0.3);

    [Fact]
    public void A_weak_content_line_between_content_stays_content()
    {
        float[] p = [0.05f, 0.1f, 0.65f, 0.1f, 0.05f];
        Span<bool> path = stackalloc bool[5];
        Sticky.Viterbi(p, path);
        Assert.Equal([false, false, false, false, false], path.ToArray());
        var post = new float[5];
        Sticky.Smooth(p, post, new double[10]);
        Assert.True(post[2] < 0.5f, $"posterior {post[2]}");
    }

    [Fact]
    public void A_topical_headline_inside_a_ticker_goes_with_the_ticker()
    {
        float[] p = [0.05f, 0.05f, 0.95f, 0.9f, 0.2f, 0.95f, 0.9f];
        Span<bool> path = stackalloc bool[7];
        Sticky.Viterbi(p, path);
        Assert.Equal([false, false, true, true, true, true, true], path.ToArray());
        var post = new float[7];
        Sticky.Smooth(p, post, new double[14]);
        Assert.True(post[4] > 0.5f, $"posterior {post[4]}");
        Assert.True(post[0] < 0.1f);
    }

    [Fact]
    public void Strong_evidence_wins_over_stickiness()
    {
        float[] p = [0.01f, 0.001f, 0.999f, 0.001f];
        Span<bool> path = stackalloc bool[4];
        new HiddenMarkovSmoother(0.5, 0.2, 0.5, 0.3).Viterbi(p, path);
        Assert.Equal([false, false, true, false], path.ToArray());
    }

    [Fact]
    public void Transitions_are_counted_with_add_one_smoothing()
    {
        var hmm = HiddenMarkovSmoother.Fit([[false, false, true, true], [false, true]]);
        // content→boilerplate: 2 of 3 content→x transitions; +1/+2 smoothing → 3/5
        Assert.Equal(3.0 / 5, hmm.ContentToBoilerplate, 12);
        // boilerplate→content: 0 of 1 → 1/3
        Assert.Equal(1.0 / 3, hmm.BoilerplateToContent, 12);
        Assert.Equal(1.0 / 4, hmm.StartBoilerplate, 12);
        Assert.Equal(4.0 / 8, hmm.PriorBoilerplate, 12);
    }

    [Fact]
    public void Posterior_of_a_single_block_is_its_probability_reweighted_by_the_start_prior()
    {
        var hmm = new HiddenMarkovSmoother(0.3, 0.1, 0.1, 0.3); // start = prior → posterior = p
        var post = new float[1];
        hmm.Smooth([0.7f], post, new double[2]);
        Assert.Equal(0.7f, post[0], 5);
    }
}

public class SmoothingStrengthTests
{
    [Fact]
    public void Zero_strength_leaves_probabilities_unchanged()
    {
        var hmm = new HiddenMarkovSmoother(0.1, 0.05, 0.05, 0.3, strength: 0);
        float[] p = [0.05f, 0.1f, 0.65f, 0.1f, 0.9f];
        var post = new float[5];
        hmm.Smooth(p, post, new double[10]);
        for (int i = 0; i < p.Length; i++) Assert.Equal(p[i], post[i], 4);
    }

    [Fact]
    public void Strength_interpolates_the_pull_of_the_neighbours()
    {
        float[] p = [0.05f, 0.1f, 0.65f, 0.1f, 0.05f];
        var full = new float[5];
        var half = new float[5];
        var hmm = new HiddenMarkovSmoother(0.1, 0.05, 0.05, 0.3);
        hmm.Smooth(p, full, new double[10]);
        hmm.WithStrength(0.5).Smooth(p, half, new double[10]);
        Assert.True(full[2] < half[2] && half[2] < p[2], $"{full[2]} < {half[2]} < {p[2]}");
    }
}
