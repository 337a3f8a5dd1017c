using ContentPipeline.Classify;
using ContentPipeline.Learning.Data;
using ContentPipeline.Learning.Evaluation;
using ContentPipeline.Learning.Model;

namespace ContentPipeline.Tests.Classify;

/// <summary>The operating point `train` recommends: the lowest threshold that keeps 99.5% of essay text in each half.</summary>
public class ThresholdChoiceTests
{
    private static ScoredBlock Block(string key, bool boilerplate, float p, int chars = 10) =>
        new(key, 0, boilerplate, new BlockPrediction { SmoothedProbability = p }, BlockLanguage.Other, chars, 0, new string('x', chars));

    [Fact]
    public void The_lowest_threshold_keeping_the_essay_text_of_both_halves_is_chosen()
    {
        var scored = new List<ScoredBlock>
        {
            Block("zh/1", false, 0.405f, 100), Block("zh/1", false, 0.05f, 900), Block("zh/1", true, 0.60f), Block("zh/1", true, 0.95f),
            Block("en/1", false, 0.30f, 1000), Block("en/1", true, 0.20f), Block("en/1", true, 0.90f),
        };
        var row = BoilerplateTraining.LowestThresholdKeeping(scored, 0.995);
        Assert.NotNull(row);
        // at 0.40 the zh half would lose its 100-character paragraph (10% of its text)
        Assert.Equal(0.41, row.Threshold, 6);
        Assert.Equal(1.0, row.ContentZh, 6);
        Assert.Equal(0.75, row.Boilerplate, 6);   // the en block at p 0.20 stays
        // a looser target lets the zh paragraph go: then only the en half decides
        Assert.Equal(0.31, BoilerplateTraining.LowestThresholdKeeping(scored, 0.9)!.Threshold, 6);
    }

    [Fact]
    public void A_half_without_essay_text_does_not_block_the_choice_and_an_unreachable_target_gives_none()
    {
        var onlyChrome = new List<ScoredBlock> { Block("zh/1", true, 0.5f), Block("en/1", false, 0.2f), Block("en/1", true, 0.9f) };
        Assert.Equal(0.21, BoilerplateTraining.LowestThresholdKeeping(onlyChrome, 0.995)!.Threshold, 6);
        var hopeless = new List<ScoredBlock> { Block("en/1", false, 0.999f), Block("en/1", true, 0.9f) };
        Assert.Null(BoilerplateTraining.LowestThresholdKeeping(hopeless, 0.995));
    }
}
