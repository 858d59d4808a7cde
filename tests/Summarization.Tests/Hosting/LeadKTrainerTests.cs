using System.Text.Json.Nodes;
using HttmOrleans.Summarization.Hosting;
using HttmOrleans.Summarization.Serving;

namespace HttmOrleans.Summarization.Tests.Hosting;

public sealed class LeadKTrainerTests
{
    [Fact]
    public async Task Lead_k_reports_rouge_on_the_held_out_split_and_writes_its_config()
    {
        using var folders = new TrainingFolders();
        var progress = new RecordingProgress();
        var trainer = new LeadKTrainer();
        var request = folders.Request("lead-k", trainer.Check(new JsonObject { ["k"] = 1 }).Resolved!, await ListSnapshot.XsumAsync(300));

        var result = await trainer.TrainAsync(request, progress, CancellationToken.None);

        var m = result.Metrics;
        foreach (var key in new[] { "rouge1", "rouge2", "rougeL", "rougeLsum", "precision", "recall", "f1_score", "accuracy" })
            Assert.True(m.ContainsKey(key), key);
        Assert.InRange(m["rouge1"], 0.08, 0.35);
        Assert.True(m["rouge1"] > m["rouge2"]);
        Assert.Equal(m["rougeL"], m["f1_score"]);
        Assert.Equal(30, m["samples"]);
        Assert.Equal("270", result.Details!["train_samples"]);
        Assert.Equal(100, progress.Reports[^1].Percent);
        Assert.Equal([SummarizerManifest.FileName], Directory.GetFiles(folders.Output).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_lead_k_artifact_loads_into_an_in_process_summarizer()
    {
        using var folders = new TrainingFolders();
        var trainer = new LeadKTrainer();
        var request = folders.Request("lead-k", trainer.Check(new JsonObject { ["k"] = 2 }).Resolved!, await ListSnapshot.XsumAsync(20));
        await trainer.TrainAsync(request, new RecordingProgress(), CancellationToken.None);
        const string text = "First sentence here. Second one follows. A third is dropped.";

        await using var loaded = await SummarizerLoader.LoadAsync("lead-k", folders.Output);

        Assert.Equal("lead-k", loaded.Algorithm);
        Assert.Equal(["First sentence here. Second one follows."], await loaded.SummarizeAsync([text]));
        var wrong = await Assert.ThrowsAsync<ArgumentException>(() => SummarizerLoader.LoadAsync("seq2seq", folders.Output));
        Assert.Contains("made by 'lead-k'", wrong.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => SummarizerLoader.LoadAsync("bart", folders.Output));
    }

    [Fact]
    public void Summarization_trainers_are_registered_together()
    {
        var trainers = SummarizationTrainers.Create(new SummarizationOptions { Capability = "cpu" });

        Assert.Equal(["seq2seq", "lead-k"], trainers.Select(t => t.Algorithm));
        Assert.All(trainers, t => Assert.Equal("summarization", t.Kind));
        Assert.All(trainers, t => Assert.Equal("cpu", t.Capability));
    }
}
