namespace HttmOrleans.Grains.Datasets;

/// <summary>
/// Tables that hold rows outside grain state: a dataset's editable samples, its immutable
/// snapshots, and chunked artifact blobs. Snapshot rows carry an <c>ordinal</c> (0-based,
/// insertion order) so every reader sees the same order and seeded splits reproduce.
/// A snapshot's rows are written before the dataset grain records the snapshot, and readers
/// only open recorded snapshots, so a half-written snapshot is never read. The tables are
/// created by <c>DatasetMigrations</c> (Grains.Interfaces), which keeps this contract free of storage code.
/// </summary>
public static class DatasetTables
{
    /// <summary>Editable samples of every dataset (kind-specific columns are null for the other kind).</summary>
    public const string Samples = "dataset_samples";

    /// <summary>Snapshot rows of interactions datasets: dataset_id, snapshot, ordinal, user_id, item_id, rating, ts.</summary>
    public const string SnapshotInteractions = "snapshot_interactions";

    /// <summary>Snapshot rows of text-pairs datasets: dataset_id, snapshot, ordinal, document, summary.</summary>
    public const string SnapshotTextPairs = "snapshot_text_pairs";

    /// <summary>Snapshot rows of features datasets: dataset_id, snapshot, ordinal, entity_id, feature, value.</summary>
    public const string SnapshotFeatures = "snapshot_features";
}
