namespace HttmOrleans.Runtime;

/// <summary>What a running job knows about itself, and its way to report progress.</summary>
public sealed class JobContext
{
    private readonly Func<double, string?, string?, bool, Task> _report;

    internal JobContext(string jobId, string kind, string payload, int attempt, GrainId owner, string siloId,
        Func<double, string?, string?, bool, Task> report)
    {
        JobId = jobId;
        Kind = kind;
        Payload = payload;
        Attempt = attempt;
        Owner = owner;
        SiloId = siloId;
        _report = report;
    }

    public string JobId { get; }
    public string Kind { get; }
    public string Payload { get; }

    /// <summary>1 for the first run; higher after a silo died holding the job.</summary>
    public int Attempt { get; }

    public GrainId Owner { get; }
    public string SiloId { get; }

    /// <summary>
    /// Records progress on the job row and, throttled, tells the owning grain. Cheap to call often;
    /// <paramref name="force"/> delivers to the owner even inside the throttle window.
    /// </summary>
    public Task ReportProgressAsync(double percent, string? message = null, string? details = null, bool force = false)
        => _report(Math.Clamp(percent, 0, 100), message, details, force);
}
