using Orleans;
using Orleans.Concurrency;

namespace HttmOrleans.Grains.Datasets;

/// <summary>
/// A dataset (key: dataset id). Its samples live in <see cref="DatasetTables.Samples"/>, not in
/// grain state; the grain owns the metadata, a revision that counts sample edits, and the list
/// of immutable snapshots. Snapshot rows are written outside the turn between
/// <see cref="ReserveSnapshot"/> and <see cref="CommitSnapshot"/>.
/// </summary>
public interface IDatasetGrain : IGrainWithStringKey
{
    /// <summary>Creates the dataset; repeating the same request returns it again (409 if the kind differs).</summary>
    Task<DatasetInfo> Create(string name, string kind, string? description, string createdBy);

    /// <summary>The dataset, or null when it does not exist.</summary>
    [AlwaysInterleave]
    Task<DatasetInfo?> Get();

    /// <summary>Records that samples changed (a new revision for the next fresh snapshot).</summary>
    Task<long> Touch(long sampleDelta);

    /// <summary>Takes the next snapshot number; rows are then written under it.</summary>
    Task<int> ReserveSnapshot();

    /// <summary>
    /// Like <see cref="ReserveSnapshot"/>, but a holder (a job) that asks again before its snapshot
    /// is committed or abandoned gets the same number back: a materialization retried after its silo
    /// died resumes the snapshot that already holds its acknowledged queue messages.
    /// </summary>
    Task<int> ReserveSnapshotFor(string holder);

    /// <summary>Makes a reserved snapshot visible to training.</summary>
    Task<SnapshotInfo> CommitSnapshot(int number, long rows, long revision, string source, string? reportJson);

    /// <summary>Forgets a reserved snapshot whose rows could not be written (the caller deletes its rows).</summary>
    Task AbandonSnapshot(int number, string reason);

    /// <summary>Deletes the dataset's metadata; returns what it was so the caller can drop its rows.</summary>
    Task<DatasetInfo> Delete();
}
