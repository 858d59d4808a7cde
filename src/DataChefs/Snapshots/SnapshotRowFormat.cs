using System.Data.Common;
using System.Globalization;
using HttmOrleans.DataChefs.Pipeline;
using Npgsql;

namespace HttmOrleans.DataChefs.Snapshots;

/// <summary>How one dataset kind's rows map onto its snapshot table.</summary>
/// <typeparam name="TRow">The dataset kind's row type.</typeparam>
internal abstract class SnapshotRowFormat<TRow>
{
    /// <summary>The snapshot table.</summary>
    public abstract string Table { get; }

    /// <summary>The row's own columns, after dataset_id, snapshot and ordinal.</summary>
    public abstract string[] Columns { get; }

    /// <summary>The columns that make two rows duplicates of each other.</summary>
    public abstract string DedupeKey { get; }

    /// <summary>The dedupe rule in words, with {0} for the count.</summary>
    public abstract string RuleText { get; }

    /// <summary>Adds one parameter per column to a prepared INSERT.</summary>
    public abstract DbParameter[] AddParameters(DbCommand command);

    /// <summary>Sets the parameters <see cref="AddParameters"/> made.</summary>
    public abstract void Bind(DbParameter[] parameters, in TRow row);

    /// <summary>Writes the row's own columns into an open binary COPY row.</summary>
    public abstract void Write(NpgsqlBinaryImporter copy, in TRow row);

    public string ColumnList => "dataset_id, snapshot, ordinal, " + string.Join(", ", Columns);

    public string CopySql => $"COPY {Table} ({ColumnList}) FROM STDIN (FORMAT BINARY)";

    public string InsertSql =>
        $"INSERT INTO {Table} ({ColumnList}) VALUES (@dataset_id, @snapshot, @ordinal, {string.Join(", ", Columns.Select(c => "@" + c))})";

    protected static DbParameter Add(DbCommand command, string name, System.Data.DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>What both sinks report once a snapshot is complete: its duplicates under the dedupe rule, when counted.</summary>
    public async ValueTask<SinkSummary> SummarizeAsync(SnapshotDatabase database, string datasetId, int snapshot, SnapshotSinkOptions options, CancellationToken cancellationToken)
    {
        if (!options.CountDuplicates)
        {
            return SinkSummary.NotCounted;
        }

        var duplicates = await SnapshotSql.CountDuplicatesAsync(database, Table, DedupeKey, datasetId, snapshot, cancellationToken);
        return new SinkSummary(duplicates, string.Format(CultureInfo.InvariantCulture, RuleText, duplicates));
    }
}
