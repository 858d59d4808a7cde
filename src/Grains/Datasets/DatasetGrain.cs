using HttmOrleans.Grains.Datasets;

namespace HttmOrleans.Grains;

/// <summary>Dataset metadata and its snapshot list; rows live in tables (see <see cref="DatasetStore"/>).</summary>
public sealed class DatasetGrain(
    [PersistentState(GrainTypes.Dataset, GrainStore.Name)] IPersistentState<DatasetInfo> state, ClusterAdmin journal)
    : HttmGrain<DatasetInfo>(state, journal, GrainTypes.Dataset), IDatasetGrain
{
    public async Task<DatasetInfo> Create(string name, string kind, string? description, string createdBy)
    {
        if (!DatasetKinds.IsKnown(kind))
            throw new ValidationException("kind", $"Must be '{DatasetKinds.Interactions}', '{DatasetKinds.TextPairs}' or '{DatasetKinds.Features}'.");
        if (RecordExists)
        {
            if (State.Kind != kind)
                throw new ConflictException($"Dataset '{State.Id}' already exists with kind '{State.Kind}'.");
            return State;
        }

        State.Id = Key;
        State.Name = string.IsNullOrWhiteSpace(name) ? State.Id : name;
        State.Kind = kind;
        State.Description = description;
        State.CreatedBy = createdBy;
        State.CreatedAt = Now;
        await WriteStateAsync();
        return State;
    }

    public Task<DatasetInfo?> Get() => Task.FromResult(RecordExists ? State : null);

    public async Task<long> Touch(long sampleDelta)
    {
        Require();
        State.Revision++;
        State.SampleCount = Math.Max(0, State.SampleCount + sampleDelta);
        await WriteStateAsync();
        return State.Revision;
    }

    public async Task<int> ReserveSnapshot()
    {
        Require();
        State.LastReserved = Math.Max(State.LastReserved, State.Latest?.Number ?? 0) + 1;
        await WriteStateAsync();
        return State.LastReserved;
    }

    public async Task<int> ReserveSnapshotFor(string holder)
    {
        Require();
        if (State.Pending.TryGetValue(holder, out var held)) return held;
        State.LastReserved = Math.Max(State.LastReserved, State.Latest?.Number ?? 0) + 1;
        State.Pending[holder] = State.LastReserved;
        await WriteStateAsync();
        return State.LastReserved;
    }

    public async Task<SnapshotInfo> CommitSnapshot(int number, long rows, long revision, string source, string? reportJson)
    {
        Require();
        var existing = State.Snapshots.Find(s => s.Number == number);
        if (existing is not null) return existing;
        if (number > State.LastReserved)
            throw new ConflictException($"Snapshot {number} of dataset '{State.Id}' was never reserved.");
        Release(number);
        var snapshot = new SnapshotInfo { Number = number, Rows = rows, Revision = revision, Source = source, CreatedAt = Now, Report = reportJson };
        State.Snapshots.Add(snapshot);
        State.Snapshots.Sort((a, b) => a.Number.CompareTo(b.Number));
        RaiseEvent("snapshot", new { number, rows, source });
        await WriteStateAsync();
        return snapshot;
    }

    public Task AbandonSnapshot(int number, string reason)
    {
        Require();
        Release(number);
        RaiseEvent("snapshot-abandoned", new { number, reason });
        return WriteStateAsync();
    }

    public async Task<DatasetInfo> Delete()
    {
        var was = Require();
        await ClearStateAsync();
        return was;
    }

    private void Release(int number)
    {
        foreach (var holder in State.Pending.Where(p => p.Value == number).Select(p => p.Key).ToList()) State.Pending.Remove(holder);
    }

    private DatasetInfo Require() =>
        RecordExists ? State : throw new NotFoundException("dataset", Key);
}
