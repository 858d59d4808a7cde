using HttmOrleans.DataChefs.Snapshots;

namespace HttmOrleans.DataChefs.Queue;

/// <summary>
/// The processed-message log in the runtime's database (<see cref="DataChefTables.ProcessedMessages"/>).
/// Snapshot sinks write the same table in their batch transaction, so with both a message is
/// marked exactly when its rows are stored.
/// </summary>
public sealed class DatabaseProcessedMessageLog(SnapshotDatabase database) : IProcessedMessageLog
{
    /// <inheritdoc />
    public async ValueTask<bool> IsProcessedAsync(string scope, string messageId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        await using (connection)
        {
            var command = SnapshotSql.Command(connection, null,
                $"SELECT 1 FROM {DataChefTables.ProcessedMessages} WHERE scope = @scope AND message_id = @id", ("@scope", scope), ("@id", messageId));
            await using (command)
            {
                return await command.ExecuteScalarAsync(cancellationToken) is not null;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask MarkProcessedAsync(string scope, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        if (messageIds.Count == 0)
        {
            return;
        }

        using var gate = await database.EnterWriteAsync(cancellationToken);
        var connection = await database.OpenAsync(cancellationToken);
        await using (connection)
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (transaction)
            {
                await SnapshotSql.MarkProcessedAsync(connection, transaction, scope, messageIds, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
    }

    /// <summary>Forgets ids older than <paramref name="age"/>, once the broker can no longer redeliver them.</summary>
    /// <returns>How many ids were forgotten.</returns>
    public async Task<int> PruneAsync(TimeSpan age, CancellationToken cancellationToken)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        var connection = await database.OpenAsync(cancellationToken);
        await using (connection)
        {
            var command = SnapshotSql.Command(connection, null,
                $"DELETE FROM {DataChefTables.ProcessedMessages} WHERE processed_at < @before", ("@before", DateTimeOffset.UtcNow.Subtract(age).ToUnixTimeMilliseconds()));
            await using (command)
            {
                return await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
