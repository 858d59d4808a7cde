using System.Text.Json.Nodes;
using HttmOrleans.Grains.Datasets;

namespace HttmOrleans.Recommend.Tests.Training;

public sealed class TrainerRefusalTests : IDisposable
{
    private readonly TrainingFolder _folder = new();

    [Fact]
    public async Task An_empty_snapshot_is_refused_with_a_reason()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Train("svd", new InMemorySnapshot([])));

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("'ratings'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_snapshot_that_yields_no_rows_is_refused()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Train("svd", new InMemorySnapshot([], rowCount: 10)));

        Assert.Contains("no rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_pairs_snapshot_is_refused_naming_the_kind_recommenders_need()
    {
        var snapshot = new InMemorySnapshot([new InteractionSample("u", "i", 1, null)], kind: DatasetKinds.TextPairs);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Train("als", snapshot));

        Assert.Contains("'text-pairs'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'interactions'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_without_a_finite_rating_is_refused_with_its_position()
    {
        var snapshot = new InMemorySnapshot([new InteractionSample("u1", "i1", 4, null), new InteractionSample("u1", "i2", float.NaN, null)]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Train("svd", snapshot));

        Assert.Contains("row 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leave_latest_out_without_timestamps_is_refused_and_suggests_the_random_split()
    {
        var snapshot = new InMemorySnapshot([.. Enumerable.Range(0, 20).Select(n => new InteractionSample("u" + (n % 4), "i" + n, 1, n % 5 == 0 ? null : n))]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Train("popularity", snapshot, """{"split": "leave-latest-out"}"""));

        Assert.Contains("timestamp", error.Message, StringComparison.Ordinal);
        Assert.Contains("'random'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parameters_that_fail_the_check_are_refused_by_name()
    {
        var snapshot = new InMemorySnapshot([new InteractionSample("u", "i", 1, null)]);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Train("svd", snapshot, """{"factors": 0}"""));

        Assert.Contains("factors:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_for_another_algorithm_is_refused()
    {
        var trainer = TrainerParameterTests.Trainer("svd");
        var request = _folder.Request("als", new JsonObject(), new InMemorySnapshot([new InteractionSample("u", "i", 1, null)]));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => trainer.TrainAsync(request, new RecordingProgress(), CancellationToken.None));

        Assert.Contains("'als'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_a_folder_without_a_model_names_the_missing_file()
    {
        var empty = Directory.CreateTempSubdirectory("recommend-empty-").FullName;
        try
        {
            var error = Assert.Throws<FileNotFoundException>(() => HttmOrleans.Recommend.Training.RecommenderArtifact.Load(empty));
            Assert.Contains("model.bin", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    public void Dispose() => _folder.Dispose();

    private Task Train(string algorithm, IDatasetSnapshot snapshot, string parameters = "{}") =>
        TrainerParameterTests.Trainer(algorithm).TrainAsync(
            _folder.Request(algorithm, TrainerParameterTests.Json(parameters), snapshot), new RecordingProgress(), CancellationToken.None);
}
