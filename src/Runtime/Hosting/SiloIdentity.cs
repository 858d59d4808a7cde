namespace HttmOrleans.Runtime.Hosting;

/// <summary>This node as the cluster sees it.</summary>
internal sealed class SiloIdentity(SiloOptions options)
{
    public string Id { get; } = options.Id is { Length: > 0 } id ? id
        : $"{options.Role}-{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}".ToLowerInvariant();

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;
    public string Version { get; } = typeof(SiloIdentity).Assembly.GetName().Version?.ToString() ?? "0";
}
