using System.Collections.Concurrent;
using HttmOrleans.Hosting.Capabilities;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace HttmOrleans.Hosting.Cluster;

/// <summary>
/// The cluster as an admin sees it: every silo in the membership table with its role, capabilities,
/// status and activations, and activations per grain class. Registered by
/// <see cref="HttmSiloBuilderExtensions.UseHttmCluster(ISiloBuilder, Configuration.HttmClusterOptions)"/>
/// (or <see cref="ClusterViewServiceCollectionExtensions.AddHttmClusterView"/>) on a silo host.
/// </summary>
public sealed class ClusterView(
    IGrainFactory grains,
    IOptions<SiloMetadata> localMetadata,
    ILocalSiloDetails? localSilo = null,
    ISiloMetadataCache? metadataCache = null)
{
    /// <summary>How long one silo may take to report its activations before it is listed without them.</summary>
    public static readonly TimeSpan SiloTimeout = TimeSpan.FromSeconds(2);

    // The metadata cache forgets a silo once it is dead; the dashboard still wants to say what it was.
    private readonly ConcurrentDictionary<SiloAddress, SiloMetadata> lastKnownMetadata = new();

    /// <summary>
    /// Every silo in the membership table (dead ones until Orleans' cleanup removes them), active
    /// first. A silo that does not report its activations within <see cref="SiloTimeout"/> is listed
    /// with <see cref="SiloView.Activations"/> null and the reason in <see cref="SiloView.Problem"/>.
    /// </summary>
    public async Task<IReadOnlyList<SiloView>> ListSilosAsync(CancellationToken cancellationToken)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var entries = await MembershipAsync(management, onlyActive: false, cancellationToken);
        var active = entries.Where(e => e.Status == SiloStatus.Active).Select(e => e.SiloAddress).ToList();
        var usageReads = UsageAllAsync(active, cancellationToken);
        var reports = await ReportAllAsync(management, active, cancellationToken);
        var usage = await usageReads;

        return [.. entries.Select(entry =>
            {
                var metadata = MetadataOf(entry.SiloAddress);
                var status = SiloViewStatus.From(entry.Status);
                var (activations, problem) = reports.TryGetValue(entry.SiloAddress, out var report)
                    ? (report.Statistics?.Sum(s => s.ActivationCount), report.Problem)
                    : ((int?)null, status == SiloViewStatus.Dead ? null : $"not active ({status})");
                return new SiloView(
                    entry.SiloAddress.ToParsableString(),
                    entry.SiloName ?? "",
                    entry.SiloAddress.Endpoint.ToString(),
                    metadata.Metadata.GetValueOrDefault(SiloCapabilities.RoleKey) ?? "",
                    SiloCapabilities.FromMetadata(metadata.Metadata.GetValueOrDefault(SiloCapabilities.MetadataKey)),
                    status,
                    AsUtc(entry.StartTime),
                    AsUtc(entry.IAmAliveTime),
                    activations,
                    problem) { Usage = usage.GetValueOrDefault(entry.SiloAddress) };
            })
            .OrderBy(s => SiloViewStatus.Rank(s.Status))
            .ThenBy(s => s.Address, StringComparer.Ordinal)
            .ThenByDescending(s => s.StartedAt)];
    }

    /// <summary>
    /// Application grain activations across the active silos, by grain class short name
    /// (<c>CounterGrain</c>); Orleans' own grains are left out. Silos that do not answer within
    /// <see cref="SiloTimeout"/> are left out too.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> CountActivationsByGrainTypeAsync(CancellationToken cancellationToken)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var entries = await MembershipAsync(management, onlyActive: true, cancellationToken);
        var reports = await ReportAllAsync(management, entries.Select(e => e.SiloAddress), cancellationToken);
        return reports.Values
            .SelectMany(r => r.Statistics ?? [])
            .GroupBy(s => GrainTypeNames.ShortName(s.GrainType), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount), StringComparer.Ordinal);
    }

    private static async Task<MembershipEntry[]> MembershipAsync(IManagementGrain management, bool onlyActive, CancellationToken cancellationToken)
    {
        // The management grain is a stateless worker on this silo: this reads the membership table, not other silos.
        var membershipTimeout = SiloTimeout * 2;
        try
        {
            return await management.GetDetailedHosts(onlyActive, cancellationToken).WaitAsync(membershipTimeout, cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"The membership table did not answer within {membershipTimeout.TotalSeconds:0} s.", e);
        }
    }

    private static async Task<Dictionary<SiloAddress, SiloReport>> ReportAllAsync(
        IManagementGrain management, IEnumerable<SiloAddress> silos, CancellationToken cancellationToken)
    {
        var pending = silos.Select(async silo => (silo, report: await ReportAsync(management, silo, cancellationToken))).ToList();
        var done = await Task.WhenAll(pending);
        return done.ToDictionary(d => d.silo, d => d.report);
    }

    private async Task<Dictionary<SiloAddress, SiloUsageReport?>> UsageAllAsync(IEnumerable<SiloAddress> silos, CancellationToken cancellationToken)
    {
        var pending = silos.Select(async silo => (silo, usage: await UsageAsync(silo, cancellationToken))).ToList();
        return (await Task.WhenAll(pending)).ToDictionary(d => d.silo, d => d.usage);
    }

    private async Task<SiloUsageReport?> UsageAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        try
        {
            return await grains.GetGrain<ISiloUsageGrain>(silo.ToParsableString()).Get().WaitAsync(SiloTimeout, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            return null; // the silo's readings are lost with it; the row still shows what membership knows
        }
    }

    private static async Task<SiloReport> ReportAsync(IManagementGrain management, SiloAddress silo, CancellationToken cancellationToken)
    {
        try
        {
            var statistics = await management.GetSimpleGrainStatistics([silo], cancellationToken).WaitAsync(SiloTimeout, cancellationToken);
            return new SiloReport([.. statistics.Where(s => GrainTypeNames.IsApplicationGrain(s.GrainType))], null);
        }
        catch (TimeoutException)
        {
            return new SiloReport(null, $"did not answer within {SiloTimeout.TotalSeconds:0} s");
        }
        catch (OrleansException e)
        {
            // A silo that fell over between the membership read and this call: part of the picture, not an error.
            return new SiloReport(null, $"did not answer: {e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}");
        }
    }

    private SiloMetadata MetadataOf(SiloAddress silo)
    {
        // The local silo's own entry reaches the cache only after a round trip; its options are known at once.
        var metadata = localSilo is not null && silo.Equals(localSilo.SiloAddress) ? localMetadata.Value
            : metadataCache?.GetSiloMetadata(silo) ?? SiloMetadata.Empty;
        if (metadata.Metadata.Count > 0)
        {
            lastKnownMetadata[silo] = metadata;
            return metadata;
        }
        return lastKnownMetadata.GetValueOrDefault(silo) ?? metadata;
    }

    private static DateTimeOffset AsUtc(DateTime time) =>
        new(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime());

    private sealed record SiloReport(IReadOnlyList<SimpleGrainStatistic>? Statistics, string? Problem);
}
