namespace HttmOrleans.Hosting.Cluster;

/// <summary>One silo as the cluster's membership table and the silo's own metadata describe it.</summary>
/// <param name="Id">Orleans' silo address in parsable form (<c>127.0.0.1:11111@499162245</c>): unique per silo process, a restart gets a new one.</param>
/// <param name="Name">The silo's name (Orleans' <c>SiloName</c>, the machine name unless configured).</param>
/// <param name="Address"><c>ip:port</c> other silos reach it on.</param>
/// <param name="Role"><c>silo</c> or <c>api</c> (<c>Httm:Silo:Role</c>); empty while its metadata is unknown.</param>
/// <param name="Capabilities">What it advertises (<c>Httm:Silo:Capabilities</c>); empty while its metadata is unknown.</param>
/// <param name="Status">One of <see cref="SiloViewStatus"/>'s values.</param>
/// <param name="StartedAt">When the silo process started (membership <c>StartTime</c>).</param>
/// <param name="LastAliveAt">Its last I-am-alive write to the membership table.</param>
/// <param name="Activations">Application grain activations on it; null when it is not active or did not answer in time.</param>
/// <param name="Problem">Why <paramref name="Activations"/> is null, or null.</param>
public sealed record SiloView(
    string Id,
    string Name,
    string Address,
    string Role,
    IReadOnlyList<string> Capabilities,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset LastAliveAt,
    int? Activations,
    string? Problem)
{
    /// <summary>Host, process id and recent CPU / memory readings of the silo process and its children; null when none reached the cluster.</summary>
    public SiloUsageReport? Usage { get; init; }
}
