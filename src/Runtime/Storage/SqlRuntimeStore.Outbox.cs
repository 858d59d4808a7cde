using HttmOrleans.Storage;

namespace HttmOrleans.Runtime.Storage;

internal sealed partial class SqlRuntimeStore
{
    public Task<IReadOnlyList<OutboxMessage>> ClaimOutboxAsync(string owner, long now, long leaseUntil, int max, CancellationToken ct) =>
        WriteAsync<IReadOnlyList<OutboxMessage>>(async connection =>
        {
            await using var command = Sql.Command(connection, null,
                $"""
                UPDATE outbox SET lease_owner = @o, lease_until = @l
                WHERE id IN (SELECT id FROM outbox WHERE dead = 0 AND lease_until < @now ORDER BY id LIMIT @m{dialect.SkipLocked})
                RETURNING id, target_type, target_key, method, args, attempts
                """,
                ("@o", owner), ("@l", leaseUntil), ("@now", now), ("@m", (long)max));
            await using var reader = await command.ExecuteReaderAsync(ct);
            var messages = new List<OutboxMessage>();
            while (await reader.ReadAsync(ct))
                messages.Add(new OutboxMessage(reader.GetInt64(0), new GrainId(reader.GetString(1), reader.GetString(2)),
                    reader.GetString(3), reader.GetString(4), (int)reader.GetInt64(5)));
            messages.Sort((a, b) => a.Id.CompareTo(b.Id));
            return messages;
        }, ct);

    public Task ReleaseOutboxAfterFailureAsync(long id, string owner, string error, long retryAt, int deadAfterAttempts, CancellationToken ct) =>
        WriteAsync(async connection =>
        {
            await using var command = Sql.Command(connection, null,
                """
                UPDATE outbox SET attempts = attempts + 1, last_error = @e, lease_owner = NULL, lease_until = @r,
                    dead = CASE WHEN attempts + 1 >= @d THEN 1 ELSE 0 END
                WHERE id = @id AND lease_owner = @o
                """,
                ("@e", error), ("@r", retryAt), ("@d", (long)deadAfterAttempts), ("@id", id), ("@o", owner));
            return await command.ExecuteNonQueryAsync(ct);
        }, ct);

    public async Task<long> CountOutboxAsync(bool dead, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var command = Sql.Command(connection, null, "SELECT COUNT(*) FROM outbox WHERE dead = @d", ("@d", dead ? 1L : 0L));
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }
}
