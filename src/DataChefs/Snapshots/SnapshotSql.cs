using System.Data.Common;
using System.Globalization;

namespace HttmOrleans.DataChefs.Snapshots;

/// <summary>The few statements both sinks share; parameters are named <c>@x</c>, which both providers accept.</summary>
internal static class SnapshotSql
{
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            AddValue(command, name, value);
        }

        return command;
    }

    public static DbParameter AddValue(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public static async Task<long> NextOrdinalAsync(DbConnection connection, DbTransaction? transaction, string table, string datasetId, int snapshot, CancellationToken cancellationToken)
    {
        var command = Command(connection, transaction, $"SELECT COALESCE(MAX(ordinal) + 1, 0) FROM {table} WHERE dataset_id = @d AND snapshot = @s", ("@d", datasetId), ("@s", snapshot));
        await using (command)
        {
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
    }

    public static async Task MarkProcessedAsync(DbConnection connection, DbTransaction? transaction, string scope, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        if (messageIds.Count == 0)
        {
            return;
        }

        var command = Command(connection, transaction,
            $"INSERT INTO {DataChefTables.ProcessedMessages} (scope, message_id, processed_at) VALUES (@scope, @id, @at) ON CONFLICT DO NOTHING",
            ("@scope", scope), ("@id", string.Empty), ("@at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        await using (command)
        {
            var id = command.Parameters[1];
            foreach (var messageId in messageIds)
            {
                id.Value = messageId;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    public static async Task<long> CountDuplicatesAsync(SnapshotDatabase database, string table, string key, string datasetId, int snapshot, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        await using (connection)
        {
            var where = "WHERE dataset_id = @d AND snapshot = @s";
            var command = Command(connection, null,
                $"SELECT (SELECT COUNT(*) FROM {table} {where}) - (SELECT COUNT(*) FROM (SELECT DISTINCT {key} FROM {table} {where}) AS k)",
                ("@d", datasetId), ("@s", snapshot));
            await using (command)
            {
                // A full scan of the snapshot: minutes on huge ones, so give it room.
                command.CommandTimeout = 0;
                return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            }
        }
    }
}
