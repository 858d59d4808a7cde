using System.Text.Json.Nodes;
using HttmOrleans.Grains.Training;
using HttmOrleans.Summarization.Hosting;

namespace HttmOrleans.Summarization.Tests.Hosting;

public sealed class ParameterCheckTests
{
    private static readonly Seq2SeqTrainer Trainer = new(new SummarizationOptions { Capability = "cpu" });

    [Fact]
    public void Leaving_everything_out_fills_in_every_default()
    {
        var check = Trainer.Check(null);

        Assert.True(check.IsValid);
        var resolved = check.Resolved!;
        Assert.Equal("compact", (string?)resolved["backbone"]);
        Assert.Equal(300, (long)resolved["max_steps"]!);
        Assert.Equal(0.1, (double)resolved["validation_fraction"]!);
        Assert.Equal(Seq2SeqParameters.CompactLearningRate, (double)resolved["learning_rate"]!);
        foreach (var spec in Trainer.Parameters.Where(s => s.Default is not null))
            Assert.True(resolved.ContainsKey(spec.Name), spec.Name);
        Assert.False(resolved.ContainsKey("seed"));
    }

    [Fact]
    public void The_trainer_describes_itself_for_the_api()
    {
        Assert.Equal(ModelKinds.Summarization, Trainer.Kind);
        Assert.Equal("seq2seq", Trainer.Algorithm);
        Assert.Equal("cpu", Trainer.Capability);
        Assert.Equal("gpu", new Seq2SeqTrainer().Capability);
        Assert.Equal(["compact", "hf"], Trainer.Parameters.Single(p => p.Name == "backbone").Choices);
        Assert.All(Trainer.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
    }

    [Fact]
    public void Given_values_are_kept_and_an_explicit_null_means_the_default()
    {
        var check = Trainer.Check(new JsonObject { ["max_steps"] = 50, ["learning_rate"] = 0.01, ["batch_size"] = null, ["seed"] = 3 });

        Assert.True(check.IsValid);
        Assert.Equal(50, (long)check.Resolved!["max_steps"]!);
        Assert.Equal(0.01, (double)check.Resolved["learning_rate"]!);
        Assert.Equal(16, (long)check.Resolved["batch_size"]!);
        Assert.Equal(3, (long)check.Resolved["seed"]!);
    }

    [Fact]
    public void Unknown_names_are_refused_with_the_known_ones_listed()
    {
        var check = Trainer.Check(new JsonObject { ["epochs"] = 3 });

        var error = Assert.Single(check.Errors);
        Assert.False(check.IsValid);
        Assert.Equal("epochs", error.Field);
        Assert.Contains("unknown parameter", error.Reason, StringComparison.Ordinal);
        Assert.Contains("max_steps", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_and_mistyped_values_each_get_a_readable_reason()
    {
        var check = Trainer.Check(JsonNode.Parse("""
            {"max_steps": 0, "validation_fraction": 0.9, "batch_size": 2.5, "bf16": "yes", "backbone": "gpt"}
            """)!.AsObject());

        var reasons = check.Errors.ToDictionary(e => e.Field, e => e.Reason);
        Assert.Equal(5, reasons.Count);
        Assert.Equal("must be between 1 and 1000000 (got 0)", reasons["max_steps"]);
        Assert.Equal("must be between 0.01 and 0.5 (got 0.9)", reasons["validation_fraction"]);
        Assert.Equal("must be a whole number", reasons["batch_size"]);
        Assert.Equal("must be true or false", reasons["bf16"]);
        Assert.Equal("must be one of: compact, hf", reasons["backbone"]);
    }

    [Fact]
    public void The_hf_backbone_needs_an_existing_checkpoint_folder()
    {
        var missing = Trainer.Check(new JsonObject { ["backbone"] = "hf" });
        var error = Assert.Single(missing.Errors);
        Assert.Equal("checkpoint_path", error.Field);
        Assert.Contains("required when backbone is hf", error.Reason, StringComparison.Ordinal);

        var nowhere = Path.Combine(Path.GetTempPath(), "no-such-vit5-" + Guid.NewGuid().ToString("N"));
        var notFound = Trainer.Check(new JsonObject { ["backbone"] = "hf", ["checkpoint_path"] = nowhere });
        Assert.Equal($"folder not found: {nowhere}", Assert.Single(notFound.Errors).Reason);

        var found = Trainer.Check(new JsonObject { ["backbone"] = "hf", ["checkpoint_path"] = Path.GetTempPath() });
        Assert.True(found.IsValid);
        Assert.Equal(Seq2SeqParameters.HfLearningRate, (double)found.Resolved!["learning_rate"]!);
    }

    [Fact]
    public void Attention_heads_must_divide_the_model_width()
    {
        var check = Trainer.Check(new JsonObject { ["d_model"] = 100, ["num_heads"] = 8 });

        var error = Assert.Single(check.Errors);
        Assert.Equal("num_heads", error.Field);
        Assert.Equal("must divide d_model (100) evenly (got 8)", error.Reason);
    }

    [Fact]
    public void Lead_k_has_k_three_by_default_and_refuses_k_zero()
    {
        var trainer = new LeadKTrainer();
        Assert.Equal(3, (long)trainer.Check(null).Resolved!["k"]!);
        Assert.Equal("cpu", trainer.Capability);
        Assert.Equal("lead-k", trainer.Algorithm);

        var error = Assert.Single(trainer.Check(new JsonObject { ["k"] = 0 }).Errors);
        Assert.Equal("k", error.Field);
    }
}
