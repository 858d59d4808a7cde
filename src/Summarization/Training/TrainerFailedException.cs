namespace HttmOrleans.Summarization.Training;

/// <summary>
/// The trainer or worker process failed: it wrote an error line, exited non-zero, could not be
/// started, or ended without finishing. <see cref="StderrTail"/> holds the end of its stderr,
/// which is what a failed model version shows.
/// </summary>
public sealed class TrainerFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrainerFailedException(string message, int? exitCode, string stderrTail, Exception? inner = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
        StderrTail = stderrTail;
    }

    /// <summary>Creates the exception with only a message.</summary>
    public TrainerFailedException()
        : this("The trainer process failed.", null, "")
    {
    }

    /// <summary>Creates the exception with only a message.</summary>
    public TrainerFailedException(string message)
        : this(message, null, "")
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TrainerFailedException(string message, Exception innerException)
        : this(message, null, "", innerException)
    {
    }

    /// <summary>The process exit code, when it exited.</summary>
    public int? ExitCode { get; }

    /// <summary>The last few kilobytes of the process's stderr.</summary>
    public string StderrTail { get; }
}
