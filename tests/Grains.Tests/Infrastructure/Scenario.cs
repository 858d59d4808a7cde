using System.Text.Json;
using System.Text.Json.Nodes;

namespace HttmOrleans.Grains.Tests.Infrastructure;

/// <summary>The steps tests repeat, through the same grain calls and dataset store the API uses.</summary>
public sealed class Scenario(GrainCluster cluster)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public IGrainFactory Grains => cluster.Grains;

    /// <summary>Tiny ratings: 10 users, 8 items, about two thirds of the pairs rated (no timestamps).</summary>
    public static IReadOnlyList<InteractionSample> Ratings()
    {
        var rows = new List<InteractionSample>();
        for (var u = 0; u < 10; u++)
            for (var i = 0; i < 8; i++)
                if ((u + i) % 3 != 0) rows.Add(new InteractionSample($"u{u}", $"i{i}", 1 + ((u * i) % 5), null));
        return rows;
    }

    /// <summary>An interactions dataset holding <see cref="Ratings"/>.</summary>
    public async Task<string> RatingsDatasetAsync()
    {
        var id = Ids.New("ds");
        await Grains.GetGrain<IDatasetGrain>(id).Create("ratings", DatasetKinds.Interactions, null, "test");
        await cluster.Datasets.AddInteractionsAsync(id, Ratings(), CancellationToken.None);
        return id;
    }

    /// <summary>A text-pairs dataset with a few samples.</summary>
    public async Task<string> TextPairsDatasetAsync()
    {
        var id = Ids.New("tp");
        await Grains.GetGrain<IDatasetGrain>(id).Create("articles", DatasetKinds.TextPairs, null, "test");
        var rows = Enumerable.Range(0, 6).Select(n => new TextPairSample($"Document {n}. It says things. More things.", $"Summary {n}.")).ToList();
        await cluster.Datasets.AddTextPairsAsync(id, rows, CancellationToken.None);
        return id;
    }

    /// <summary>A model on a dataset of its kind.</summary>
    public async Task<ModelInfo> ModelAsync(string algorithm, string datasetId, JsonObject? hyperparameters = null)
    {
        var id = Ids.New("m");
        return await Grains.GetGrain<IModelGrain>(id).Create(new CreateModel
        {
            Algorithm = algorithm, DatasetId = datasetId, Hyperparameters = hyperparameters, CreatedBy = "test",
        });
    }

    /// <summary>A popularity model on a fresh ratings dataset.</summary>
    public async Task<ModelInfo> PopularityModelAsync() => await ModelAsync("popularity", await RatingsDatasetAsync());

    public Task<VersionRef> TrainAsync(string modelId, JsonObject? overrides = null, string? version = null) =>
        Grains.GetGrain<IModelGrain>(modelId).StartTraining(new TrainRequest { CreatedBy = "test", Hyperparameters = overrides, Version = version });

    public IModelVersionGrain Version(VersionRef version) => Grains.GetGrain<IModelVersionGrain>(version.Key);

    public Task<VersionInfo> WaitForAsync(VersionRef version, Func<VersionInfo, bool> condition, string what) =>
        Eventually.Until(async () => (await Version(version).Get())!, v => v is not null && condition(v), Patience,
            $"{version.Key} to be {what}", Describe);

    public Task<VersionInfo> WaitUntilFinalAsync(VersionRef version) =>
        WaitForAsync(version, v => VersionStatus.IsFinal(v.Status), "final");

    /// <summary>Trains a version and waits for it to complete.</summary>
    public async Task<VersionRef> TrainCompletedAsync(string modelId)
    {
        var version = await TrainAsync(modelId);
        var info = await WaitUntilFinalAsync(version);
        Assert.True(info.Status == VersionStatus.Completed, $"{version.Key} ended {info.Status}: {info.Error}");
        return version;
    }

    public static string Describe(object? value) => value is null ? "null" : JsonSerializer.Serialize(value, GrainJson.Options);
}
