using HttmOrleans.Summarization.Training;

namespace HttmOrleans.Summarization.Hosting;

/// <summary>
/// How a silo runs summarization training and serving: which Python, which capability the
/// seq2seq trainer asks for, which torch device its processes use.
/// </summary>
public sealed record SummarizationOptions
{
    /// <summary>The interpreter with torch and sentencepiece (Debian: <c>/usr/bin/python3</c> with <c>python3-torch</c>).</summary>
    public string PythonPath { get; init; } = "/usr/bin/python3";

    /// <summary>
    /// The silo capability a seq2seq training needs. <c>gpu</c> by default; <c>cpu</c> lets
    /// a CPU-only cluster train the compact backbone (slowly).
    /// </summary>
    public string Capability { get; init; } = "gpu";

    /// <summary>Torch device of trainer and worker processes: <c>auto</c>, <c>cpu</c> or <c>cuda</c>.</summary>
    public string Device { get; init; } = "auto";

    /// <summary>The trainer script; null uses the copy shipped beside this assembly.</summary>
    public string? ScriptPath { get; init; }

    /// <summary>CPU threads per Python process; 0 uses every core.</summary>
    public int Threads { get; init; }

    /// <summary>How long a cancelled training may take to write its checkpoint before it is killed.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Extra environment variables for the Python processes (e.g. <c>CUDA_VISIBLE_DEVICES</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The process settings these options stand for.</summary>
    public TrainerProcessOptions ToProcessOptions() => new()
    {
        PythonPath = PythonPath,
        ScriptPath = ScriptPath ?? TrainerProcessOptions.DefaultScriptPath,
        Threads = Threads,
        StopGracePeriod = StopGracePeriod,
        Environment = Environment,
    };
}
