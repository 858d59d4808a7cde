using System.Data;
using System.Data.Common;
using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.Grains.Datasets;
using Npgsql;
using NpgsqlTypes;

namespace HttmOrleans.DataChefs.Snapshots;

/// <summary>Interactions go to <c>snapshot_interactions</c>; a (user, item) pair is the dedupe key.</summary>
internal sealed class InteractionSnapshotFormat : SnapshotRowFormat<InteractionRow>
{
    public static readonly InteractionSnapshotFormat Instance = new();

    public override string Table => DatasetTables.SnapshotInteractions;

    public override string[] Columns { get; } = ["user_id", "item_id", "rating", "ts"];

    public override string DedupeKey => "user_id, item_id";

    public override string RuleText =>
        "dedupe rule: keep all; {0} row(s) repeat an earlier (user_id, item_id) pair of this snapshot and are stored in ordinal order, so a reader wanting one rating per pair takes the last";

    public override DbParameter[] AddParameters(DbCommand command) =>
        [Add(command, "user_id", DbType.String), Add(command, "item_id", DbType.String), Add(command, "rating", DbType.Single), Add(command, "ts", DbType.Int64)];

    public override void Bind(DbParameter[] parameters, in InteractionRow row)
    {
        // A null that slipped past coercion must fail the table's NOT NULL, not the driver's binding.
        parameters[0].Value = (object?)row.UserId ?? DBNull.Value;
        parameters[1].Value = (object?)row.ItemId ?? DBNull.Value;
        parameters[2].Value = row.Rating;
        parameters[3].Value = row.TimestampUnixMs is { } ts ? ts : DBNull.Value;
    }

    public override void Write(NpgsqlBinaryImporter copy, in InteractionRow row)
    {
        copy.Write(row.UserId, NpgsqlDbType.Text);
        copy.Write(row.ItemId, NpgsqlDbType.Text);
        copy.Write(row.Rating, NpgsqlDbType.Real);
        if (row.TimestampUnixMs is { } ts)
        {
            copy.Write(ts, NpgsqlDbType.Bigint);
        }
        else
        {
            copy.WriteNull();
        }
    }
}
