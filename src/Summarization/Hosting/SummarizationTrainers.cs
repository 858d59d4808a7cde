using HttmOrleans.Grains.Training;

namespace HttmOrleans.Summarization.Hosting;

/// <summary>The summarization trainers a host registers.</summary>
public static class SummarizationTrainers
{
    /// <summary><see cref="Seq2SeqTrainer"/> and <see cref="LeadKTrainer"/>.</summary>
    public static IReadOnlyList<ITrainer> Create(SummarizationOptions? options = null) =>
        [new Seq2SeqTrainer(options), new LeadKTrainer()];
}
