using ContentPipeline.Learning.Data;
using ContentPipeline.Learning.Features;
using ContentPipeline.Learning.Model;

namespace ContentPipeline.Learning.Tests;

/// <summary>The document-relative context features: anchors of the essay, the document's median, ranks.</summary>
public class SecondStageFeaturesTests
{
    private static float Feature(float[] output, int block, string name)
    {
        for (int j = 0; j < SecondStageFeatures.Count; j++)
            if (SecondStageFeatures.Name(j) == name) return output[block * SecondStageFeatures.Count + j];
        throw new ArgumentException(name);
    }

    private static float[] Compute(float[] scores, float[]? textScores = null, int[]? groups = null)
    {
        using var dense = new DocumentFeatures();
        dense.Reset(scores.Length);
        groups?.CopyTo(dense.Group, 0);
        var output = new float[scores.Length * SecondStageFeatures.Count];
        SecondStageFeatures.Compute(scores, textScores ?? new float[scores.Length], dense, output);
        return output;
    }

    [Fact]
    public void A_block_after_the_last_confident_essay_block_knows_it_is_in_the_tail()
    {
        // essay, essay, a weak line, then a ticker of three
        var output = Compute([-6f, -6f, 1f, 4f, 4f, 4f]);
        Assert.Equal(MathF.Log(2) / 2, Feature(output, 2, "s2:content_before_distance"), 5);   // one block back
        Assert.Equal(3f, Feature(output, 3, "s2:content_after_distance"));                        // no anchor after it
        Assert.Equal(MathF.Log(2) / 2, Feature(output, 0, "s2:content_after_distance"), 5);
        Assert.Equal(3f, Feature(output, 0, "s2:content_before_distance"));                        // first block: none before
        // the most essay-like score after the ticker's first line is the ticker's own (4/6), before it the essay's (-1)
        Assert.Equal(4f / 6, Feature(output, 3, "s2:after_min"), 5);
        Assert.Equal(-1f, Feature(output, 3, "s2:before_min"), 5);
        Assert.Equal(2.5f, Feature(output, 5, "s2:after_min"));   // nothing after: above any squashed score
    }

    [Fact]
    public void Median_and_rank_place_a_block_within_its_own_document()
    {
        var scores = new[] { 3f, -3f, 0f, 6f, -6f };
        var output = Compute(scores, [1f, 1f, 1f, 1f, 7f]);
        for (int b = 0; b < scores.Length; b++)
        {
            Assert.Equal(0f, Feature(output, b, "s2:doc_median"));
            Assert.Equal(scores[b] / 6, Feature(output, b, "s2:own_minus_median"), 5);
        }
        Assert.Equal(0f, Feature(output, 4, "s2:rank"));          // the most essay-like block
        Assert.Equal(4f / 5, Feature(output, 3, "s2:rank"));      // four blocks score lower
        Assert.Equal(1f, Feature(output, 4, "s2:text_minus_median"), 5);   // (7 - 1) / 6
        Assert.Equal(0f, Feature(output, 0, "s2:text_minus_median"), 5);
        // an even count takes the mean of the two middle scores
        var even = Compute([-6f, 0f, 6f, 12f]);
        Assert.Equal(0.5f, Feature(even, 0, "s2:doc_median"), 5);
    }

    [Fact]
    public void Text_scores_of_the_block_and_its_neighbours_are_their_own_features()
    {
        var output = Compute([0f, 0f, 0f], [6f, -6f, 3f]);
        Assert.Equal(-1f, Feature(output, 1, "s2:own_text"), 5);
        Assert.Equal(1f, Feature(output, 1, "s2:prev1_text"), 5);
        Assert.Equal(0.5f, Feature(output, 1, "s2:next1_text"), 5);
        Assert.Equal(0.75f, Feature(output, 1, "s2:window3_text"), 5);
        Assert.Equal(0f, Feature(output, 0, "s2:prev1_text"));
    }

    [Fact]
    public void A_block_sees_how_the_other_blocks_of_its_container_scored()
    {
        // an essay block, three replies in one container (two confidently chrome), a block outside any container
        var output = Compute([-6f, 6f, -3f, 3f, 0f], [-6f, 0f, 6f, 6f, 0f], [0, 1, 1, 1, -1]);
        Assert.Equal(0.75f, Feature(output, 2, "s2:group_mean"), 5);      // (6/6 + 3/6) / 2: itself left out
        Assert.Equal(0.25f, Feature(output, 3, "s2:group_mean"), 5);      // (6/6 - 3/6) / 2
        Assert.Equal(1f, Feature(output, 1, "s2:group_text"), 5);         // (6/6 + 6/6) / 2
        Assert.Equal(0.5f, Feature(output, 2, "s2:group_text"), 5);       // (0 + 6/6) / 2
        Assert.Equal(MathF.Log(3) / 3, Feature(output, 3, "s2:group_size"), 5);
        // alone in its container, or in none: the group says nothing
        Assert.Equal(0f, Feature(output, 0, "s2:group_mean"));
        Assert.Equal(0f, Feature(output, 0, "s2:group_size"));
        Assert.Equal(0f, Feature(output, 4, "s2:group_size"));
    }

    [Fact]
    public void Every_feature_has_a_distinct_name()
    {
        var names = new HashSet<string>();
        for (int j = 0; j < SecondStageFeatures.Count; j++) Assert.True(names.Add(SecondStageFeatures.Name(j)));
    }
}
