using System.Text.Json.Nodes;
using HttmOrleans.Summarization.Hosting;
using HttmOrleans.Summarization.Tests.Training;

namespace HttmOrleans.Summarization.Tests.Hosting;

/// <summary>A seq2seq configuration that trains in seconds on 2 CPU cores: enough to exercise the plumbing, not to learn.</summary>
internal static class HostedSettings
{
    public static SummarizationOptions Options { get; } = new()
    {
        PythonPath = TrainerSettings.Process.PythonPath,
        Capability = "cpu",
        Device = "cpu",
        StopGracePeriod = TimeSpan.FromSeconds(30),
    };

    public static JsonObject Tiny(int steps) => new()
    {
        ["max_steps"] = steps,
        ["batch_size"] = 8,
        ["max_source_length"] = 48,
        ["max_target_length"] = 16,
        ["vocab_size"] = 800,
        ["d_model"] = 32,
        ["num_heads"] = 2,
        ["dim_feedforward"] = 64,
        ["warmup_steps"] = 2,
        ["max_validation_samples"] = 20,
    };
}
