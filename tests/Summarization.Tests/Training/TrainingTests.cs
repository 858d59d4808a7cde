using HttmOrleans.Summarization.Training;
using HttmOrleans.Summarization.Rouge;
using HttmOrleans.Summarization.Training.Events;

namespace HttmOrleans.Summarization.Tests.Training;

[Collection(PythonCollection.Name)]
public sealed class TrainingTests(TrainedModelFixture model)
{
    [Fact]
    public void Training_lowers_the_validation_loss()
    {
        var before = model.Trained.Evaluations[0];
        var after = model.Trained.FinalMetrics["val_loss"];
        Assert.Equal(0, before.Step);
        Assert.Equal(TrainerSettings.BaseSteps, model.Trained.Step);
        Assert.True(after < before.Metrics["val_loss"] - 1.0, $"val_loss {before.Metrics["val_loss"]} -> {after}");
        Assert.True(model.Trained.FinalMetrics["val_token_accuracy"] > before.Metrics["val_token_accuracy"]);
    }

    [Fact]
    public void The_trained_model_beats_the_same_model_untrained_on_rouge1()
    {
        var trained = model.TrainedMetrics.Rouge[RougeTypes.Rouge1].Mean.F;
        var untrained = model.UntrainedMetrics.Rouge[RougeTypes.Rouge1].Mean.F;
        Assert.True(trained > untrained + 0.03, $"ROUGE-1 F trained {trained:F4} vs untrained {untrained:F4}");
        Assert.Equal(model.Validation.Count, model.TrainedMetrics.Predictions.Count);
        Assert.Contains(model.TrainedMetrics.Predictions, p => p.Length > 0);
    }

    [Fact]
    public void Progress_reports_steps_throughput_and_an_eta()
    {
        var progress = model.TrainedEvents.OfType<TrainerProgress>().ToList();
        Assert.Equal(TrainerSettings.BaseSteps / 10, progress.Count);
        Assert.Equal(progress.Select(p => p.Step).Order(), progress.Select(p => p.Step));
        Assert.All(progress, p => Assert.True(p.TokensPerSecond > 0 && p.Loss is > 0 && p.EtaSeconds >= 0));
        Assert.Equal(1.0, progress[^1].Fraction);
        Assert.Equal(0, progress[^1].EtaSeconds);

        var hello = Assert.IsType<TrainerHello>(model.TrainedEvents[0]);
        Assert.Equal(TrainerSettings.Process.PythonPath, hello.Interpreter);
        Assert.False(string.IsNullOrEmpty(hello.TorchVersion));
        // .ci/run installs OpenBLAS; on the reference BLAS this suite took several times as long.
        Assert.Contains(hello.Blas, new[] { "openblas", "mkl", "blis", "atlas", "reference", "unknown" });
        Assert.IsType<TrainerDone>(model.TrainedEvents[^1]);
    }

    [Fact]
    public void The_artifact_holds_weights_tokenizer_and_config()
    {
        var artifact = model.Trained.ArtifactPath!;
        Assert.True(File.Exists(Path.Combine(artifact, "model.pt")));
        Assert.True(File.Exists(Path.Combine(artifact, "tokenizer.model")));
        Assert.Contains("\"backbone\": \"compact\"", File.ReadAllText(Path.Combine(artifact, "config.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_metric_map_has_the_seed_fields_with_f1_score_equal_to_rouge_l()
    {
        var map = model.TrainedMetrics.ToDictionary();
        foreach (var key in new[] { "rouge1", "rouge2", "rougeL", "rougeLsum", "precision", "recall", "f1_score", "accuracy" })
            Assert.True(map.ContainsKey(key), key);
        Assert.Equal(map["rougeL"], map["f1_score"]);
        Assert.InRange(map["accuracy"], 0, 1);
        Assert.InRange(map["rougeL"], map["rougeL_low"], map["rougeL_high"]);
    }

    [Fact]
    public async Task Retraining_from_a_base_starts_from_the_base_weights()
    {
        var trainer = new Seq2SeqTrainerProcess(TrainerSettings.Process);
        var config = model.Config("retrain", 5) with { BaseArtifact = model.Trained.ArtifactPath };

        var retrain = await trainer.TrainAsync(config);

        var start = retrain.Evaluations[0].Metrics["val_loss"];
        var baseFinal = model.Trained.FinalMetrics["val_loss"];
        var fresh = model.Untrained.Evaluations[0].Metrics["val_loss"];
        Assert.Equal(baseFinal, start, 4);
        Assert.True(start < fresh - 1.0, $"retrain starts at {start}, a fresh model at {fresh}");
        Assert.NotNull(retrain.ArtifactPath);
    }
}
