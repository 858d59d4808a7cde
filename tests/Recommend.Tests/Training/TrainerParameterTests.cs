using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HttmOrleans.Grains.Training;
using HttmOrleans.Recommend.Algorithms;
using HttmOrleans.Recommend.Training;

namespace HttmOrleans.Recommend.Tests.Training;

public sealed partial class TrainerParameterTests
{
    public static TheoryData<string> AllAlgorithms => ServingTests.AllAlgorithms;

    [Fact]
    public void There_is_one_cpu_recommendation_trainer_per_algorithm()
    {
        var trainers = RecommenderTrainers.All();

        Assert.Equal(AlgorithmRegistry.All.Select(a => a.Name), trainers.Select(t => t.Algorithm));
        Assert.All(trainers, t =>
        {
            Assert.Equal(ModelKinds.Recommendation, t.Kind);
            Assert.Equal("cpu", t.Capability);
            Assert.False(string.IsNullOrWhiteSpace(t.Description));
        });
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public void Every_parameter_is_snake_case_typed_and_its_default_is_in_range(string algorithm)
    {
        var trainer = Trainer(algorithm);

        Assert.Equal(["split", "test_fraction", "k"], trainer.Parameters.TakeLast(3).Select(p => p.Name));
        Assert.Equal(trainer.Parameters.Count, trainer.Parameters.Select(p => p.Name).Distinct().Count());
        Assert.All(trainer.Parameters, p =>
        {
            Assert.Matches(SnakeCase(), p.Name);
            Assert.Contains(p.Type, new[] { "int", "float", "bool", "choice" });
            Assert.NotNull(p.Default);
            if (p.Type is "int" or "float")
            {
                Assert.InRange(p.Default.Deserialize<double>(), p.Min!.Value, p.Max!.Value);
            }

            if (p.Type == "choice")
            {
                Assert.Contains(p.Default!.GetValue<string>(), p.Choices!);
            }
        });
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public void An_empty_request_resolves_to_every_default_and_resolving_that_changes_nothing(string algorithm)
    {
        var trainer = Trainer(algorithm);

        var check = trainer.Check(null);

        Assert.True(check.IsValid);
        var resolved = check.Resolved!;
        Assert.Equal(trainer.Parameters.Select(p => p.Name), resolved.Select(kv => kv.Key));
        Assert.Equal("random", (string?)resolved["split"]);
        Assert.Equal(0.2, (double)resolved["test_fraction"]!);
        Assert.Equal(10, (int)resolved["k"]!);
        var again = trainer.Check(resolved.DeepClone().AsObject());
        Assert.True(JsonNode.DeepEquals(resolved, again.Resolved));
    }

    [Fact]
    public void Aliases_resolve_to_the_canonical_name()
    {
        var check = Trainer("nmf").Check(Json("""{"n_components": 7, "max_iter": 120, "k": 20}"""));

        Assert.True(check.IsValid);
        Assert.Equal(7, (int)check.Resolved!["factors"]!);
        Assert.Equal(120, (int)check.Resolved["epochs"]!);
        Assert.Equal(20, (int)check.Resolved["k"]!);
        Assert.False(check.Resolved.ContainsKey("n_components"));
    }

    [Fact]
    public void Item_knn_takes_its_neighbour_count_as_neighbours_and_k_stays_the_metric_cut_off()
    {
        var check = Trainer("item-knn").Check(Json("""{"neighbors": 25, "k": 5}"""));

        Assert.True(check.IsValid);
        Assert.Equal(25, (int)check.Resolved!["neighbours"]!);
        Assert.Equal(5, (int)check.Resolved["k"]!);
    }

    [Fact]
    public void Unknown_wrong_typed_null_and_out_of_range_fields_are_each_refused_with_a_reason()
    {
        var check = Trainer("svd").Check(Json("""
            {"factorz": 3, "epochs": "many", "lr": 5, "test_fraction": 0.95, "k": 0, "split": "sideways", "biased": null}
            """));

        Assert.False(check.IsValid);
        Assert.Null(check.Resolved);
        var reasons = check.Errors.ToDictionary(e => e.Field, e => e.Reason);
        Assert.Equal(["biased", "epochs", "factorz", "k", "lr", "split", "test_fraction"], reasons.Keys.Order());
        Assert.Contains("Unknown hyperparameter", reasons["factorz"], StringComparison.Ordinal);
        Assert.Contains("test_fraction", reasons["factorz"], StringComparison.Ordinal);
        Assert.Contains("\"many\"", reasons["epochs"], StringComparison.Ordinal);
        Assert.Contains("from 0 to 0.9", reasons["test_fraction"], StringComparison.Ordinal);
        Assert.Contains("from 1 to 1000", reasons["k"], StringComparison.Ordinal);
        Assert.Contains("\"leave-latest-out\"", reasons["split"], StringComparison.Ordinal);
        Assert.Contains("true or false", reasons["biased"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_given_under_two_spellings_is_refused()
    {
        var check = Trainer("nmf").Check(Json("""{"factors": 5, "n_components": 6}"""));

        Assert.False(check.IsValid);
        Assert.Contains("Given twice", Assert.Single(check.Errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_are_documented_in_the_parameter_description()
    {
        var factors = Trainer("nmf").Parameters.Single(p => p.Name == "factors");

        Assert.Contains("n_components", factors.Description, StringComparison.Ordinal);
        Assert.Equal(15, factors.Default!.GetValue<int>());
        Assert.Equal("int", factors.Type);
    }

    internal static RecommenderTrainer Trainer(string algorithm) => new(AlgorithmRegistry.Get(algorithm));

    internal static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();
}
