namespace HttmOrleans.Grains.Models;

/// <summary>Lifecycle states of a model version (serialized in snake_case).</summary>
public static class VersionStatus
{
    /// <summary>Accepted, job not queued yet.</summary>
    public const string Initializing = "initializing";
    /// <summary>Waiting for a silo with the capability.</summary>
    public const string Queued = "queued";
    /// <summary>A silo is training it.</summary>
    public const string Training = "training";
    /// <summary>Computing validation metrics.</summary>
    public const string Validating = "validating";
    /// <summary>Done; has an artifact and metrics.</summary>
    public const string Completed = "completed";
    /// <summary>Ended with an error.</summary>
    public const string Failed = "failed";
    /// <summary>Cancelled by a user.</summary>
    public const string Stopped = "stopped";

    /// <summary>True when the version will not change any more.</summary>
    public static bool IsFinal(string status) => status is Completed or Failed or Stopped;
}
