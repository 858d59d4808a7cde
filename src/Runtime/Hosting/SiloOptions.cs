namespace HttmOrleans.Runtime.Hosting;

/// <summary>How this node takes part in the cluster. Bound from the <c>Httm:Silo</c> configuration section.</summary>
public sealed class SiloOptions
{
    /// <summary>Run the background services (outbox, reminders, jobs, membership). False makes a client that only runs turns.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Unique node id; generated from role, host and process id when empty.</summary>
    public string? Id { get; set; }

    /// <summary><c>silo</c> for a headless silo, <c>api</c> for an API node hosting one.</summary>
    public string Role { get; set; } = "silo";

    /// <summary>Where people can reach this node (shown on the dashboard).</summary>
    public string Address { get; set; } = Environment.MachineName;

    /// <summary>Job capabilities this node advertises and claims, comma-separated, e.g. <c>cpu,gpu</c>.</summary>
    public string Capabilities { get; set; } = "cpu";

    /// <summary>Jobs run at once on this node.</summary>
    public int MaxConcurrentJobs { get; set; } = 2;

    /// <summary>How long a job claim lasts without a heartbeat; a killed silo's job returns to the queue after this.</summary>
    public TimeSpan JobLease { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan ReminderLease { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan OutboxLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Membership heartbeat; a node silent for three of these is shown dead.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest sleep of a poller between wake-up signals.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Least time between two progress deliveries to a job's owner grain.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int OutboxDeadAfterAttempts { get; set; } = 10;

    /// <summary>The capabilities as a list, lower-case, without duplicates.</summary>
    public IReadOnlyList<string> EffectiveCapabilities =>
        [.. Capabilities.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => c.ToLowerInvariant()).Distinct()];
}
