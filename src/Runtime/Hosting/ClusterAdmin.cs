using HttmOrleans.Runtime.Core;
using HttmOrleans.Runtime.Storage;
using HttmOrleans.Storage;

namespace HttmOrleans.Runtime.Hosting;

/// <summary>Read access to the runtime's own tables (silos, jobs, reminders, grains, events) for the API and dashboard.</summary>
public sealed class ClusterAdmin
{
    private readonly IRuntimeStore _store;
    private readonly GrainTypeRegistry _types;

    internal ClusterAdmin(IRuntimeStore store, GrainTypeRegistry types, RuntimeHost host)
    {
        _store = store;
        _types = types;
        Host = host;
    }

    public RuntimeHost Host { get; }
    public string Provider => _store.Provider;
    public SignalBus Signals => _store.Signals;

    public Task<IReadOnlyList<SiloRecord>> ListSilosAsync(CancellationToken ct = default) => _store.ListSilosAsync(ct);
    public Task<JobRecord?> GetJobAsync(string id, CancellationToken ct = default) => _store.GetJobAsync(id, ct);
    public Task<IReadOnlyList<JobRecord>> ListJobsAsync(JobStatus? status = null, string? ownerType = null, int max = 100, CancellationToken ct = default) =>
        _store.ListJobsAsync(status, ownerType, max, ct);
    public Task<bool> CancelJobAsync(string id, CancellationToken ct = default) => _store.RequestJobCancelAsync(id, ct);

    public async Task<IReadOnlyList<GrainReminder>> ListRemindersAsync(CancellationToken ct = default) =>
        [.. (await _store.ListRemindersAsync(ct)).Select(r => new GrainReminder($"{r.Grain}/{r.Name}", TimeSpan.FromMilliseconds(r.PeriodMs),
            UnixMs.To(r.DueAt), r.TickCount, r.LastTickAt is { } t ? UnixMs.To(t) : null))];

    public Task<IReadOnlyList<GrainEventRecord>> ReadEventsAsync(GrainId grain, long afterId = 0, int max = 200, CancellationToken ct = default) =>
        _store.ReadEventsAsync(grain, afterId, max, ct);

    public Task<(long Etag, string? Json)> ReadStateAsync(GrainId grain, CancellationToken ct = default) => _store.ReadStateAsync(grain, ct);

    /// <summary>Replaces a grain's state outside a turn, only if nobody wrote it since <paramref name="expectedEtag"/>.</summary>
    public Task<long> WriteStateAsync(GrainId grain, string? json, long expectedEtag, CancellationToken ct = default) =>
        _store is SqlRuntimeStore sql ? sql.WriteStateAsync(grain, json, expectedEtag, ct) : throw new NotSupportedException("This store cannot write state outside a turn.");

    public Task<IReadOnlyList<(string Key, long Etag)>> ListGrainsAsync(string grainType, string? keyPrefix = null, int max = 200, CancellationToken ct = default) =>
        _store.ListGrainsAsync(grainType, keyPrefix, max, ct);

    public Task<IReadOnlyDictionary<string, long>> CountGrainsByTypeAsync(CancellationToken ct = default) => _store.CountGrainsByTypeAsync(ct);

    public Task<long> CountOutboxAsync(bool dead, CancellationToken ct = default) => _store.CountOutboxAsync(dead, ct);

    /// <summary>The persisted type name of a grain interface (<c>IModelGrain</c> → <c>Model</c>).</summary>
    public string GrainTypeName<TGrain>() where TGrain : IGrainWithStringKey => _types.Get(typeof(TGrain)).Name;

    public IEnumerable<string> GrainTypeNames => _types.All.Select(t => t.Name);
}
