using HttmOrleans.Recommend.Serving;

namespace HttmOrleans.Recommend.Tests;

[Collection(SyntheticCollection.Name)]
public sealed class PersistenceTests(SyntheticFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("recommend-tests-").FullName;

    public static TheoryData<string> AllAlgorithms => ServingTests.AllAlgorithms;

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public void A_saved_model_loads_back_and_serves_the_same_answers(string algorithm)
    {
        var model = fixture.Model(algorithm);
        var path = Path.Combine(_folder, algorithm + ".model");
        using (var file = File.Create(path))
        {
            model.Save(file);
        }

        TrainedRecommender loaded;
        using (var file = File.OpenRead(path))
        {
            loaded = TrainedRecommender.Load(file);
        }

        Assert.Equal(model.Algorithm, loaded.Algorithm);
        Assert.Equal(model.HyperparametersJson, loaded.HyperparametersJson);
        foreach (var user in new[] { "u0", "u17", "u399", "unknown" })
        {
            Assert.Equal(model.Recommend(user, 20), loaded.Recommend(user, 20), RecommendationResultComparer.Instance);
        }

        if (model.SupportsSimilarItems)
        {
            Assert.Equal(model.SimilarItems("i3", 10), loaded.SimilarItems("i3", 10));
        }
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_refused()
    {
        using var stream = new MemoryStream("definitely not a model"u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => TrainedRecommender.Load(stream));
        Assert.Contains("magic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_model_is_refused()
    {
        using var full = new MemoryStream();
        fixture.Model("svd").Save(full);
        using var truncated = new MemoryStream(full.ToArray()[..(int)(full.Length / 2)]);

        Assert.ThrowsAny<IOException>(() => TrainedRecommender.Load(truncated));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
