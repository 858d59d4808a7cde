using HttmOrleans.Grains.Datasets;
using HttmOrleans.Grains.Training;
using HttmOrleans.Recommend.Serving;
using HttmOrleans.Recommend.Synthetic;
using HttmOrleans.Recommend.Training;

namespace HttmOrleans.Recommend.Tests.Training;

public sealed class TrainerFeatureTests : IDisposable
{
    private static readonly SyntheticDataset Data = SyntheticInteractions.Generate(
        new SyntheticOptions { Seed = 9, Users = 300, Items = 200, Interactions = 10_000, Rank = 4, Affinity = 3, PopularityExponent = 0.5 });

    private static readonly InMemorySnapshot Interactions = new([.. Enumerable.Range(0, Data.Count).Select(n => new InteractionSample("u" + Data.Users[n], "i" + Data.Items[n], 1f, Data.Timestamps[n]))]);

    private readonly TrainingFolder _folder = new();

    [Fact]
    public async Task A_run_with_feature_snapshots_and_the_item_cold_start_split_reports_cold_metrics_and_what_the_features_cover()
    {
        var items = Data.ItemFeatureSamples().Append(new FeatureSample("i-new", "f0=b1", 1)).Append(new FeatureSample("i-new", "f1=b2", 1));
        var users = Data.UserFeatureSamples().Where(s => s.EntityId != "u7").Append(new FeatureSample("u-new", "f0=b0", 1));
        var request = Request("ffm", """{"split": "item_cold_start", "test_fraction": 0.2}""") with
        {
            UserFeatures = new InMemoryFeatureSnapshot([.. users], "user-profiles"),
            ItemFeatures = new InMemoryFeatureSnapshot([.. items], "catalogue"),
        };

        var result = await TrainerParameterTests.Trainer("ffm").TrainAsync(request, new RecordingProgress(), CancellationToken.None);

        var details = result.Details!;
        Assert.Equal("item_cold_start", details["split"]);
        Assert.Equal("40", result.Metrics["cold_items"].ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(result.Metrics["precision@10"], 0.05, 1);
        Assert.Contains("ranking those cold items only", details["metrics_from"], StringComparison.Ordinal);
        Assert.Equal("catalogue#2", details["item_features_snapshot"]);
        Assert.Equal("201", details["items"]);
        Assert.Equal("201", details["items_with_features"]);
        Assert.Equal("1", details["items_added_from_features"]);
        Assert.Equal("0", details["items_without_features"]);
        Assert.Contains("1 items have features but no interactions: added as cold items", details["item_features"], StringComparison.Ordinal);
        Assert.Equal("301", details["users"]);
        Assert.Equal("1", details["users_added_from_features"]);
        Assert.Equal("1", details["users_without_features"]);
        Assert.Equal(Data.UserFeatureSamples().Select(s => s.Feature).Distinct().Count().ToString(System.Globalization.CultureInfo.InvariantCulture), details["user_feature_count"]);
        Assert.Equal("300", details["users_with_features"]);

        // The artifact knows the feature-only item (recommendable, with neighbours) and ranks the feature-only user.
        var model = RecommenderArtifact.Load(request.OutputDirectory);
        Assert.NotNull(model.SimilarItems("i-new", 5));
        Assert.True(model.KnowsUser("u-new"));
        Assert.False(model.Recommend("u-new", 10).FellBackToPopularity);
    }

    [Fact]
    public async Task A_run_with_the_user_cold_start_split_scores_users_it_never_trained_on()
    {
        var request = Request("ffm", """{"split": "user_cold_start", "test_fraction": 0.2}""") with
        {
            UserFeatures = new InMemoryFeatureSnapshot(Data.UserFeatureSamples()),
        };

        var result = await TrainerParameterTests.Trainer("ffm").TrainAsync(request, new RecordingProgress(), CancellationToken.None);

        Assert.Equal(60, result.Metrics["cold_users"]);
        Assert.Equal(60, result.Metrics["users_evaluated"]);
        Assert.InRange(result.Metrics["precision@10"], 0.01, 1);
        Assert.False(result.Details!.ContainsKey("item_features"));
    }

    [Fact]
    public async Task Feature_rows_for_entities_without_interactions_are_reported_not_fatal()
    {
        var strangers = new FeatureSample[] { new("ghost-1", "genre=Drama", 1), new("ghost-2", "genre=Comedy", 1), new("ghost-2", "year", 1999) };
        var request = Request("popularity", "{}") with { ItemFeatures = new InMemoryFeatureSnapshot(strangers) };

        var result = await TrainerParameterTests.Trainer("popularity").TrainAsync(request, new RecordingProgress(), CancellationToken.None);

        var details = result.Details!;
        Assert.Equal("2", details["items_added_from_features"]);
        Assert.Equal("2", details["items_with_features"]);
        Assert.Equal("200", details["items_without_features"]);
        Assert.Equal("3", details["item_feature_count"]);
        Assert.Contains("2 items have features but no interactions: added as cold items; 200 items have interactions but no features", details["item_features"], StringComparison.Ordinal);
        Assert.Equal(202, RecommenderArtifact.Load(request.OutputDirectory).ItemCount);
    }

    [Fact]
    public async Task A_snapshot_that_is_not_features_given_as_features_is_a_clear_error()
    {
        var request = Request("ffm", "{}") with { ItemFeatures = Interactions };

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => TrainerParameterTests.Trainer("ffm").TrainAsync(request, new RecordingProgress(), CancellationToken.None));

        Assert.Contains("given as the model's item features but is a 'interactions' dataset", error.Message, StringComparison.Ordinal);
        Assert.Contains("item_features_dataset_id must name a 'features' dataset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_feature_row_without_a_feature_name_is_refused_with_its_row_number()
    {
        var request = Request("popularity", "{}") with
        {
            UserFeatures = new InMemoryFeatureSnapshot([new("u1", "age", 30), new("u2", "", 1)]),
        };

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => TrainerParameterTests.Trainer("popularity").TrainAsync(request, new RecordingProgress(), CancellationToken.None));

        Assert.Contains("row 1: entity_id and feature must be non-empty", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private TrainingRequest Request(string algorithm, string parameters)
    {
        var check = TrainerParameterTests.Trainer(algorithm).Check(TrainerParameterTests.Json(parameters));
        Assert.True(check.Resolved is not null, string.Join("; ", check.Errors.Select(e => e.Field + ": " + e.Reason)));
        return _folder.Request(algorithm, check.Resolved!, Interactions);
    }
}
