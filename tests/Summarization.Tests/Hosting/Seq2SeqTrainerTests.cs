using HttmOrleans.Summarization.Hosting;
using HttmOrleans.Summarization.Tests.Training;
using HttmOrleans.Summarization.Training;

namespace HttmOrleans.Summarization.Tests.Hosting;

[Collection(PythonCollection.Name)]
public sealed class Seq2SeqTrainerTests(TrainedModelFixture model, HostedSeq2SeqRun run) : IClassFixture<HostedSeq2SeqRun>
{
    [Fact]
    public void A_cpu_run_reports_rouge_the_seed_fields_and_the_validation_loss()
    {
        var m = run.Result.Metrics;
        foreach (var key in new[] { "rouge1", "rouge2", "rougeL", "rougeLsum", "precision", "recall", "f1_score", "accuracy", "validation_loss", "validation_token_accuracy" })
            Assert.True(m.ContainsKey(key), key);
        Assert.Equal(m["rougeL"], m["f1_score"]);
        Assert.InRange(m["rouge1"], 0, 1);
        Assert.InRange(m["validation_loss"], 0.1, 20);
        Assert.Equal(20, m["samples"]);
        Assert.Equal("180", run.Result.Details!["train_samples"]);
        Assert.Equal("cpu", run.Result.Details["device"]);
        Assert.Equal("20", run.Result.Details["steps"]);
    }

    [Fact]
    public void The_output_folder_holds_only_the_servable_artifact()
    {
        var files = Directory.GetFiles(run.Folders.Output).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(["config.json", "model.pt", SummarizerManifest.FileName, "tokenizer.model"], files);
        Assert.Empty(Directory.GetDirectories(run.Folders.Output));
    }

    [Fact]
    public void Progress_is_forwarded_with_steps_loss_throughput_and_eta()
    {
        var reports = run.Progress.Reports;
        var percents = reports.Select(r => r.Percent).ToList();

        Assert.Equal(percents.Order(), percents);
        Assert.Equal(0, percents[0]);
        Assert.Equal(100, percents[^1]);
        var steps = reports.Where(r => r.Figures.ContainsKey("tokens_per_second")).ToList();
        Assert.Equal(20, steps.Count);
        Assert.All(steps, r => Assert.True(r.Figures["loss"] > 0 && r.Figures["tokens_per_second"] > 0 && r.Figures["eta_seconds"] >= 0));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (double)i), steps.Select(r => r.Figures["step"]));
        Assert.Contains(reports, r => r.Figures.ContainsKey("validation_loss") && r.Figures["step"] == 0);
        Assert.Contains(reports, r => r.Message.StartsWith("model ready: compact on cpu", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_artifact_loads_into_a_worker_that_summarizes()
    {
        await using var loaded = await SummarizerLoader.LoadAsync("seq2seq", run.Folders.Output, HostedSettings.Options);

        var summaries = await loaded.SummarizeAsync(model.Validation.Take(3).Select(p => p.Document).ToList());

        Assert.Equal(3, summaries.Count);
        Assert.Equal("seq2seq", loaded.Algorithm);
        Assert.Contains(summaries, s => s.Length > 0);
    }

    [Fact]
    public async Task Cancelling_stops_the_trainer_with_sigterm_and_throws()
    {
        using var folders = new TrainingFolders();
        using var cancel = new CancellationTokenSource();
        var progress = new RecordingProgress(r =>
        {
            if (r.Figures.ContainsKey("tokens_per_second"))
                cancel.Cancel();
        });
        var trainer = new Seq2SeqTrainer(HostedSettings.Options);
        var request = folders.Request("seq2seq", trainer.Check(HostedSettings.Tiny(100_000)).Resolved!, await ListSnapshot.XsumAsync(60));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => trainer.TrainAsync(request, progress, cancel.Token));

        // SIGTERM, not a kill: the trainer had the time to save where it stopped.
        Assert.True(File.Exists(Path.Combine(folders.Work, "run", "checkpoint", "trainer_state.pt")));
        Assert.Empty(Directory.GetFiles(folders.Output));
        Assert.DoesNotContain(progress.Reports, r => r.Percent >= 90);
    }

    [Fact]
    public async Task A_missing_interpreter_fails_with_its_path()
    {
        using var folders = new TrainingFolders();
        var trainer = new Seq2SeqTrainer(HostedSettings.Options with { PythonPath = "/nonexistent/python3" });
        var request = folders.Request("seq2seq", trainer.Check(HostedSettings.Tiny(5)).Resolved!, await ListSnapshot.XsumAsync(20));

        var e = await Assert.ThrowsAsync<TrainerFailedException>(() => trainer.TrainAsync(request, new RecordingProgress(), CancellationToken.None));

        Assert.Contains("/nonexistent/python3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_crash_in_the_trainer_carries_the_tail_of_its_stderr_in_the_message()
    {
        using var folders = new TrainingFolders();
        var notACheckpoint = Path.Combine(folders.Root, "empty-checkpoint");
        Directory.CreateDirectory(notACheckpoint);
        var trainer = new Seq2SeqTrainer(HostedSettings.Options);
        var parameters = HostedSettings.Tiny(5);
        parameters["backbone"] = "hf";
        parameters["checkpoint_path"] = notACheckpoint;
        var request = folders.Request("seq2seq", trainer.Check(parameters).Resolved!, await ListSnapshot.XsumAsync(20));

        var e = await Assert.ThrowsAsync<TrainerFailedException>(() => trainer.TrainAsync(request, new RecordingProgress(), CancellationToken.None));

        Assert.Equal(1, e.ExitCode);
        Assert.Contains("--- trainer stderr (tail) ---", e.Message, StringComparison.Ordinal);
        Assert.Contains("Traceback", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retraining_from_a_base_version_starts_from_its_weights_and_tokenizer()
    {
        using var folders = new TrainingFolders();
        var progress = new RecordingProgress();
        var trainer = new Seq2SeqTrainer(HostedSettings.Options);
        var parameters = HostedSettings.Tiny(3);
        parameters["max_target_length"] = 24;
        var baseArtifact = model.Trained.ArtifactPath!;
        var request = folders.Request("seq2seq", trainer.Check(parameters).Resolved!, await ListSnapshot.XsumAsync(100, skip: 900), baseArtifact);

        var result = await trainer.TrainAsync(request, progress, CancellationToken.None);

        var start = progress.Reports.First(r => r.Figures.ContainsKey("validation_loss")).Figures["validation_loss"];
        var fresh = model.Untrained.Evaluations[0].Metrics["val_loss"];
        Assert.True(start < fresh - 1.0, $"the retrain starts at validation loss {start}, a fresh model at {fresh}");
        Assert.Equal(File.ReadAllBytes(Path.Combine(baseArtifact, "tokenizer.model")), File.ReadAllBytes(Path.Combine(folders.Output, "tokenizer.model")));
        Assert.Equal("True", result.Details!["retrained_from_base"]);
    }
}
