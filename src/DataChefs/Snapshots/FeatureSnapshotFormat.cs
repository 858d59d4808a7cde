using System.Data;
using System.Data.Common;
using HttmOrleans.Grains.Datasets;
using Npgsql;
using NpgsqlTypes;

namespace HttmOrleans.DataChefs.Snapshots;

/// <summary>Feature rows go to <c>snapshot_features</c>; an (entity, feature) pair is the dedupe key.</summary>
internal sealed class FeatureSnapshotFormat : SnapshotRowFormat<FeatureSample>
{
    public static readonly FeatureSnapshotFormat Instance = new();

    public override string Table => DatasetTables.SnapshotFeatures;

    public override string[] Columns { get; } = ["entity_id", "feature", "value"];

    public override string DedupeKey => "entity_id, feature";

    public override string RuleText =>
        "dedupe rule: keep all; {0} row(s) repeat an earlier (entity_id, feature) pair of this snapshot and are stored in ordinal order, so the last value counts";

    public override DbParameter[] AddParameters(DbCommand command) =>
        [Add(command, "entity_id", DbType.String), Add(command, "feature", DbType.String), Add(command, "value", DbType.Single)];

    public override void Bind(DbParameter[] parameters, in FeatureSample row)
    {
        parameters[0].Value = (object?)row.EntityId ?? DBNull.Value;
        parameters[1].Value = (object?)row.Feature ?? DBNull.Value;
        parameters[2].Value = row.Value;
    }

    public override void Write(NpgsqlBinaryImporter copy, in FeatureSample row)
    {
        copy.Write(row.EntityId, NpgsqlDbType.Text);
        copy.Write(row.Feature, NpgsqlDbType.Text);
        copy.Write(row.Value, NpgsqlDbType.Real);
    }
}
