using HttmOrleans.Summarization.Rouge;
using HttmOrleans.Summarization.Serving;
using HttmOrleans.Summarization.Validation;

namespace HttmOrleans.Summarization.Tests.Serving;

public sealed class LeadKTests
{
    [Fact]
    public void Lead_k_takes_the_first_k_sentences_one_per_line()
    {
        const string text = "The cat sat. It was happy! Was the dog? \"No,\" said Ann.\nA new line starts here.";
        Assert.Equal("The cat sat. It was happy!", new LeadKSummarizer(2).Summarize(text));
        Assert.Equal(5, SentenceSplitter.Split(text).Count);
    }

    [Fact]
    public void Sentences_do_not_split_inside_numbers_or_before_lower_case()
    {
        Assert.Equal(["Prices rose 3.5% in May. then fell."], SentenceSplitter.Split("Prices rose 3.5% in May. then fell."));
        Assert.Equal(["Hà Nội mưa to.", "Đường ngập."], SentenceSplitter.Split("Hà Nội mưa to. Đường ngập."));
    }

    [Fact]
    public async Task Lead_3_gives_every_dataset_a_baseline_score()
    {
        var samples = (await TextPairFile.ReadAsync(SharedData.Path("xsum", "xsum_test_1000.jsonl"))).Take(200).ToList();

        var metrics = await SummarizationValidator.ValidateAsync(new LeadKSummarizer(3), samples);

        // XSum summaries are deliberately not extractive, so lead-3 is weak there but far from zero.
        var rouge1 = metrics.Rouge[RougeTypes.Rouge1].Mean.F;
        Assert.InRange(rouge1, 0.10, 0.30);
        Assert.True(metrics.ToDictionary()["rougeLsum"] >= metrics.ToDictionary()["rougeL"] - 1e-9);
    }
}
