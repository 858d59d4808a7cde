namespace HttmOrleans.Summarization.Training;

/// <summary>How to start the Python trainer / worker process.</summary>
public sealed record TrainerProcessOptions
{
    /// <summary>The interpreter; Debian's python3-torch installs torch for <c>/usr/bin/python3</c>.</summary>
    public string PythonPath { get; init; } = "/usr/bin/python3";

    /// <summary>The trainer script; by default the copy shipped beside this assembly.</summary>
    public string ScriptPath { get; init; } = DefaultScriptPath;

    /// <summary>How long a process may take to save a checkpoint after SIGTERM before it is killed.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many characters of stderr a failure carries.</summary>
    public int StderrTailChars { get; init; } = 4096;

    /// <summary>CPU threads for torch; 0 lets the process use every core.</summary>
    public int Threads { get; init; }

    /// <summary>Extra environment variables for the process (e.g. <c>CUDA_VISIBLE_DEVICES</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The script path shipped with this assembly: <c>trainers/seq2seq/trainer.py</c> in the app directory.</summary>
    public static string DefaultScriptPath { get; } =
        Path.Combine(AppContext.BaseDirectory, "trainers", "seq2seq", "trainer.py");
}
