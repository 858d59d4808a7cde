namespace HttmOrleans.Runtime.Storage;

/// <summary>The signal topics the runtime uses.</summary>
public static class SignalTopics
{
    public const string Jobs = "jobs";
    public const string JobCancel = "job-cancel";
    public const string Reminders = "reminders";
    public const string Outbox = "outbox";

    /// <summary>Raised once after the PostgreSQL listener (re)connects, since signals sent meanwhile are lost.</summary>
    public static readonly IReadOnlyList<string> All = [Jobs, Reminders, Outbox, JobCancel];
}
