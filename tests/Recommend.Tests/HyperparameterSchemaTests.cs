using System.Text.Json;
using HttmOrleans.Recommend.Algorithms;

namespace HttmOrleans.Recommend.Tests;

public sealed class HyperparameterSchemaTests
{
    private static readonly IRecommenderAlgorithm Nmf = AlgorithmRegistry.Get("nmf");

    [Fact]
    public void Missing_values_take_their_documented_defaults()
    {
        var resolved = Nmf.Schema.Resolve(new Dictionary<string, JsonElement>());

        Assert.True(resolved.IsValid);
        Assert.Equal(15, resolved.Values!.GetInt("factors"));
        Assert.Equal(50, resolved.Values.GetInt("epochs"));
    }

    [Fact]
    public void The_seeds_spellings_n_components_and_max_iter_are_accepted()
    {
        var resolved = Nmf.Schema.Resolve(Json("""{"n_components": 7, "max_iter": 120}"""));

        Assert.True(resolved.IsValid);
        Assert.Equal(7, resolved.Values!.GetInt("factors"));
        Assert.Equal(120, resolved.Values.GetInt("epochs"));
    }

    [Fact]
    public void Unknown_wrong_typed_and_out_of_range_fields_are_each_reported_by_name()
    {
        var resolved = AlgorithmRegistry.Get("svd").Schema.Resolve(Json("""{"factorz": 3, "epochs": "many", "lr": 5, "biased": 1}"""));

        Assert.False(resolved.IsValid);
        Assert.Null(resolved.Values);
        Assert.Equal(["biased", "epochs", "factorz", "lr"], resolved.Errors.Select(e => e.Field).Order());
        Assert.Contains("Known: factors", resolved.Errors.Single(e => e.Field == "factorz").Reason, StringComparison.Ordinal);
        Assert.Contains("from 1E-06 to 1", resolved.Errors.Single(e => e.Field == "lr").Reason, StringComparison.Ordinal);
        Assert.Contains("\"many\"", resolved.Errors.Single(e => e.Field == "epochs").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_given_under_its_name_and_an_alias_is_an_error()
    {
        var resolved = Nmf.Schema.Resolve(Json("""{"factors": 4, "n_components": 5}"""));

        var error = Assert.Single(resolved.Errors);
        Assert.Contains("twice", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Choices_outside_the_allowed_set_are_refused()
    {
        var resolved = AlgorithmRegistry.Get("item-knn").Schema.Resolve(Json("""{"similarity": "pearson"}"""));

        var error = Assert.Single(resolved.Errors);
        Assert.Contains("\"cosine\", \"adjusted-cosine\"", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_algorithm_documents_every_parameter_and_its_defaults_resolve()
    {
        Assert.Equal(["popularity", "item-knn", "nmf", "svd", "als", "bpr", "ease", "hybrid", "ffm"], AlgorithmRegistry.All.Select(a => a.Name));
        foreach (var algorithm in AlgorithmRegistry.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(algorithm.Description));
            Assert.All(algorithm.Schema.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
            Assert.Equal(algorithm.Schema.Parameters.Count, algorithm.Schema.Defaults.Values.Count);
        }
    }

    [Fact]
    public void Resolved_values_round_trip_through_json()
    {
        var resolved = AlgorithmRegistry.Get("als").Schema.ResolveOrThrow(new Dictionary<string, object> { ["factors"] = 32, ["alpha"] = 2.5 });

        var again = AlgorithmRegistry.Get("als").Schema.Resolve(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(resolved.ToJson()));

        Assert.True(again.IsValid);
        Assert.Equal(32, again.Values!.GetInt("factors"));
        Assert.Equal(2.5, again.Values.GetFloat("alpha"));
    }

    [Fact]
    public void An_unknown_algorithm_name_lists_the_known_ones()
    {
        Assert.False(AlgorithmRegistry.TryGet("slim", out _));
        var error = Assert.Throws<KeyNotFoundException>(() => AlgorithmRegistry.Get("slim"));
        Assert.Contains("svd", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, JsonElement> Json(string text) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(text)!;
}
