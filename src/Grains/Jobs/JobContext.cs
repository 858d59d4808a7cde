namespace HttmOrleans.Grains.Jobs;

/// <summary>What a running job knows about itself, and its way to report progress.</summary>
public sealed class JobContext(JobTicket ticket, string siloId, Func<double, string?, string?, bool, Task> report)
{
    public string JobId => ticket.JobId;
    public string Kind => ticket.Kind;
    public string Payload => ticket.Payload;

    /// <summary>1 for the first run; higher after a silo died or handed the job over.</summary>
    public int Attempt => ticket.Attempt;

    public string SiloId { get; } = siloId;

    /// <summary>
    /// Tells the owning grain, at most about once per progress interval; <paramref name="force"/>
    /// delivers inside the interval too (phase changes, the first report).
    /// </summary>
    public Task ReportProgressAsync(double percent, string? message = null, string? details = null, bool force = false)
        => report(Math.Clamp(percent, 0, 100), message, details, force);
}
