using System.Text.Json.Nodes;
using HttmOrleans.Recommend.Algorithms;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Synthetic;
using HttmOrleans.Recommend.Training;

namespace HttmOrleans.Recommend.Tests.Training;

public sealed class TrainerRunTests : IDisposable
{
    private static readonly SyntheticOptions Shape = new() { Seed = 5, Users = 300, Items = 200, Interactions = 12_000, Rank = 3 };
    private static readonly InMemorySnapshot Explicit = InMemorySnapshot.Synthetic(Shape);

    private readonly TrainingFolder _folder = new();

    public static TheoryData<string> AllAlgorithms => ServingTests.AllAlgorithms;

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public async Task A_run_writes_a_model_bin_that_serves_like_a_fit_on_every_row(string algorithm)
    {
        var trainer = TrainerParameterTests.Trainer(algorithm);
        var request = _folder.Request(algorithm, trainer.Check(null).Resolved!, Explicit);

        await trainer.TrainAsync(request, new RecordingProgress(), CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(request.OutputDirectory, "model.bin")));
        var loaded = RecommenderArtifact.Load(request.OutputDirectory);
        var implementation = AlgorithmRegistry.Get(algorithm);
        var direct = implementation.Fit(
            InteractionMatrix.FromInteractions(Explicit.Rows.Select(r => new Interaction(r.UserId, r.ItemId, r.Rating, r.Timestamp))),
            implementation.Schema.Defaults);
        Assert.Equal(algorithm, loaded.Algorithm);
        Assert.Equal(Shape.Users, loaded.UserCount);
        foreach (var user in new[] { "u0", "u42", "u299", "stranger" })
        {
            Assert.Equal(direct.Recommend(user, 10), loaded.Recommend(user, 10), RecommendationResultComparer.Instance);
        }
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public async Task Holdout_metrics_are_present_and_within_their_ranges(string algorithm)
    {
        var trainer = TrainerParameterTests.Trainer(algorithm);

        var result = await trainer.TrainAsync(_folder.Request(algorithm, trainer.Check(null).Resolved!, Explicit), new RecordingProgress(), CancellationToken.None);

        var metrics = result.Metrics;
        Assert.Equal(Explicit.Rows.Count, metrics["train_rows"] + metrics["test_rows"]);
        Assert.InRange(metrics["test_rows"], Explicit.Rows.Count * 0.18, Explicit.Rows.Count * 0.22);
        foreach (var name in new[] { "precision@10", "recall@10", "map@10" })
        {
            Assert.InRange(metrics[name], 0, 1);
        }

        Assert.InRange(metrics["ndcg@10"], 0.01, 1);
        Assert.InRange(metrics["coverage"], 0.01, 1);
        Assert.True(metrics["fit_seconds"] >= 0 && metrics["final_fit_seconds"] >= 0);
        if (algorithm is "svd" or "nmf" or "popularity")
        {
            // Noise 0.5 is the floor; item means land near 1 on this data.
            Assert.InRange(metrics["rmse"], 0.4, 1.2);
            Assert.InRange(metrics["mae"], 0.3, metrics["rmse"]);
        }
        else
        {
            Assert.False(metrics.ContainsKey("rmse"));
        }

        Assert.Equal("explicit", result.Details!["feedback"]);
        Assert.Contains("refit on all rows", result.Details["metrics_from"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_rises_from_zero_to_one_hundred_through_every_stage()
    {
        var trainer = TrainerParameterTests.Trainer("als");
        var progress = new RecordingProgress();

        await trainer.TrainAsync(_folder.Request("als", trainer.Check(null).Resolved!, Explicit), progress, CancellationToken.None);

        var percents = progress.Reports.Select(r => r.Percent).ToArray();
        Assert.Equal(0, percents[0]);
        Assert.Equal(100, percents[^1]);
        Assert.All(percents.Zip(percents.Skip(1)), pair => Assert.True(pair.First <= pair.Second, $"{pair.First} then {pair.Second}"));
        Assert.Contains(progress.Reports, r => r.Message.StartsWith("holdout fit:", StringComparison.Ordinal) && r.Percent is > 10 and <= 50);
        Assert.Contains(progress.Reports, r => r.Message.StartsWith("final fit on all rows:", StringComparison.Ordinal) && r.Percent is > 60 and < 100);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_metrics_and_another_seed_another_split()
    {
        var trainer = TrainerParameterTests.Trainer("svd");
        var parameters = TrainerParameterTests.Json("""{"factors": 8, "epochs": 10}""");

        var first = await trainer.TrainAsync(_folder.Request("svd", parameters, Explicit, seed: 1), new RecordingProgress(), CancellationToken.None);
        var second = await trainer.TrainAsync(_folder.Request("svd", parameters, Explicit, seed: 1), new RecordingProgress(), CancellationToken.None);
        var other = await trainer.TrainAsync(_folder.Request("svd", parameters, Explicit, seed: 2), new RecordingProgress(), CancellationToken.None);

        Assert.Equal(first.Metrics["rmse"], second.Metrics["rmse"]);
        Assert.Equal(first.Metrics["ndcg@10"], second.Metrics["ndcg@10"]);
        Assert.NotEqual(first.Metrics["test_rows"], other.Metrics["test_rows"]);
    }

    [Fact]
    public async Task Leave_latest_out_holds_out_one_interaction_per_user()
    {
        var trainer = TrainerParameterTests.Trainer("popularity");

        var result = await trainer.TrainAsync(
            _folder.Request("popularity", TrainerParameterTests.Json("""{"split": "leave-latest-out", "k": 5}"""), Explicit),
            new RecordingProgress(),
            CancellationToken.None);

        Assert.Equal(Shape.Users, result.Metrics["test_rows"]);
        Assert.Equal(Shape.Users, result.Metrics["users_evaluated"]);
        Assert.Contains("ndcg@5", result.Metrics.Keys);
        Assert.Equal("leave-latest-out", result.Details!["split"]);
    }

    [Fact]
    public async Task Implicit_feedback_reports_ranking_metrics_only()
    {
        var snapshot = InMemorySnapshot.Synthetic(Shape, implicitFeedback: true, timestamps: false);
        var trainer = TrainerParameterTests.Trainer("svd");

        var result = await trainer.TrainAsync(_folder.Request("svd", trainer.Check(null).Resolved!, snapshot), new RecordingProgress(), CancellationToken.None);

        Assert.False(result.Metrics.ContainsKey("rmse"));
        Assert.Contains("ndcg@10", result.Metrics.Keys);
        Assert.Equal("implicit", result.Details!["feedback"]);
    }

    [Fact]
    public async Task A_zero_test_fraction_skips_the_holdout_and_still_writes_the_model()
    {
        var trainer = TrainerParameterTests.Trainer("ease");
        var progress = new RecordingProgress();
        var request = _folder.Request("ease", TrainerParameterTests.Json("""{"test_fraction": 0}"""), Explicit);

        var result = await trainer.TrainAsync(request, progress, CancellationToken.None);

        Assert.Equal(0, result.Metrics["test_rows"]);
        Assert.Equal(Explicit.Rows.Count, result.Metrics["train_rows"]);
        Assert.DoesNotContain(result.Metrics.Keys, k => k.StartsWith("ndcg", StringComparison.Ordinal));
        Assert.StartsWith("none", result.Details!["metrics_from"], StringComparison.Ordinal);
        Assert.Equal(100, progress.Reports[^1].Percent);
        Assert.True(RecommenderArtifact.Load(request.OutputDirectory).KnowsUser("u7"));
    }

    [Fact]
    public async Task A_base_version_is_noted_as_unused_and_training_goes_on_from_scratch()
    {
        var trainer = TrainerParameterTests.Trainer("popularity");
        var request = _folder.Request("popularity", trainer.Check(null).Resolved!, Explicit, baseArtifact: Path.GetTempPath());

        var result = await trainer.TrainAsync(request, new RecordingProgress(), CancellationToken.None);

        Assert.Contains("from scratch", result.Details!["warm_start"], StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(request.OutputDirectory, RecommenderArtifact.FileName)));
    }

    [Fact]
    public async Task Cancelling_during_the_holdout_fit_stops_the_run_before_evaluation_and_writes_nothing()
    {
        var trainer = TrainerParameterTests.Trainer("bpr");
        using var cancel = new CancellationTokenSource();
        var progress = new RecordingProgress(percent =>
        {
            if (percent > 10)
            {
                cancel.Cancel();
            }
        });
        var request = _folder.Request("bpr", TrainerParameterTests.Json("""{"epochs": 1000}"""), Explicit);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => trainer.TrainAsync(request, progress, cancel.Token));

        Assert.All(progress.Reports, r => Assert.True(r.Percent < 50, $"{r.Percent} {r.Message}"));
        Assert.Empty(Directory.GetFiles(request.OutputDirectory));
    }

    [Fact]
    public async Task A_token_cancelled_up_front_stops_the_run_while_reading()
    {
        var trainer = TrainerParameterTests.Trainer("svd");
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        var progress = new RecordingProgress();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => trainer.TrainAsync(_folder.Request("svd", new JsonObject(), Explicit), progress, cancel.Token));

        Assert.All(progress.Reports, r => Assert.Equal(0, r.Percent));
    }

    public void Dispose() => _folder.Dispose();
}
