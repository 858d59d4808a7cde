using Microsoft.Data.Sqlite;

namespace HttmOrleans.DataChefs.Queue;

/// <summary>A durable log in a SQLite file, surviving restarts; one row per (scope, message id).</summary>
public sealed class SqliteProcessedMessageLog : IProcessedMessageLog
{
    private readonly string _connectionString;

    /// <summary>Opens (and creates when missing) the log in <paramref name="path"/>.</summary>
    public SqliteProcessedMessageLog(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS processed_messages (
                scope TEXT NOT NULL,
                message_id TEXT NOT NULL,
                processed_at INTEGER NOT NULL,
                PRIMARY KEY (scope, message_id)) WITHOUT ROWID;
            """;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public async ValueTask<bool> IsProcessedAsync(string scope, string messageId, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await using (connection)
        {
            await connection.OpenAsync(cancellationToken);
            var command = connection.CreateCommand();
            command.CommandText = "SELECT 1 FROM processed_messages WHERE scope = $scope AND message_id = $id";
            command.Parameters.AddWithValue("$scope", scope);
            command.Parameters.AddWithValue("$id", messageId);
            return await command.ExecuteScalarAsync(cancellationToken) is not null;
        }
    }

    /// <inheritdoc />
    public async ValueTask MarkProcessedAsync(string scope, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        if (messageIds.Count == 0)
        {
            return;
        }

        var connection = new SqliteConnection(_connectionString);
        await using (connection)
        {
            await connection.OpenAsync(cancellationToken);
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using (transaction)
            {
                var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "INSERT OR IGNORE INTO processed_messages (scope, message_id, processed_at) VALUES ($scope, $id, $at)";
                var scopeParameter = command.Parameters.Add("$scope", SqliteType.Text);
                var idParameter = command.Parameters.Add("$id", SqliteType.Text);
                command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                scopeParameter.Value = scope;
                foreach (var id in messageIds)
                {
                    idParameter.Value = id;
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }
        }
    }

    /// <summary>Forgets ids older than <paramref name="age"/>, once the broker can no longer redeliver them.</summary>
    public async Task<int> PruneAsync(TimeSpan age, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await using (connection)
        {
            await connection.OpenAsync(cancellationToken);
            var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM processed_messages WHERE processed_at < $before";
            command.Parameters.AddWithValue("$before", DateTimeOffset.UtcNow.Subtract(age).ToUnixTimeMilliseconds());
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
