using HttmOrleans.Summarization.Rouge;

namespace HttmOrleans.Summarization.Tests.Rouge;

public sealed class CorpusRougeTests
{
    private static (List<string> Targets, List<string> Predictions) Pairs(int count, int seed)
    {
        var random = new Random(seed);
        string[] words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"];
        string Sentence() => string.Join(' ', Enumerable.Range(0, 8).Select(_ => words[random.Next(words.Length)]));
        var targets = Enumerable.Range(0, count).Select(_ => Sentence()).ToList();
        var predictions = Enumerable.Range(0, count).Select(_ => Sentence()).ToList();
        return (targets, predictions);
    }

    [Fact]
    public void Mean_is_the_average_of_sample_scores_and_lies_inside_the_interval()
    {
        var (targets, predictions) = Pairs(200, 1);
        var scorer = RougeScorer.Compat();
        var result = CorpusRouge.Score(scorer, targets, predictions);
        var expected = targets.Select((t, i) => scorer.Score(t, predictions[i])[RougeTypes.Rouge1].F).Average();

        var rouge1 = result[RougeTypes.Rouge1];
        Assert.Equal(expected, rouge1.Mean.F, 12);
        Assert.InRange(rouge1.Mean.F, rouge1.Low.F, rouge1.High.F);
        Assert.True(rouge1.Low.F < rouge1.High.F);
        Assert.InRange(rouge1.Mid.F, rouge1.Low.F, rouge1.High.F);
    }

    [Fact]
    public void The_same_seed_gives_the_same_interval_and_more_samples_narrow_it()
    {
        var (targets, predictions) = Pairs(400, 2);
        var scorer = RougeScorer.Compat();
        var a = CorpusRouge.Score(scorer, targets, predictions, seed: 5)[RougeTypes.RougeL];
        var b = CorpusRouge.Score(scorer, targets, predictions, seed: 5)[RougeTypes.RougeL];
        Assert.Equal(a, b);

        var small = CorpusRouge.Score(scorer, targets.Take(25).ToList(), predictions.Take(25).ToList(), seed: 5)[RougeTypes.RougeL];
        Assert.True(a.High.F - a.Low.F < small.High.F - small.Low.F);
    }

    [Fact]
    public void A_single_sample_has_a_zero_width_interval()
    {
        var result = CorpusRouge.Score(RougeScorer.Compat(), ["a b c"], ["a b d"]);
        var r = result[RougeTypes.Rouge1];
        Assert.Equal(r.Low, r.High);
        Assert.Equal(2.0 / 3, r.Mean.F, 12);
    }
}
