using System.Data.Common;
using HttmOrleans.Storage;

namespace HttmOrleans.Runtime.Storage;

internal sealed partial class SqlRuntimeStore
{
    internal const string ReminderColumns = "grain_type, grain_key, name, period_ms, due_at, first_tick_at, tick_count, last_tick_at";

    internal static ReminderRow ReadReminder(DbDataReader reader) => new(
        new GrainId(reader.GetString(0), reader.GetString(1)), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4),
        reader.GetInt64(5), reader.GetInt64(6), Sql.NullableLong(reader, 7));

    public Task<IReadOnlyList<ReminderRow>> ClaimDueRemindersAsync(string owner, long now, long leaseUntil, int max, CancellationToken ct) =>
        WriteAsync<IReadOnlyList<ReminderRow>>(async connection =>
        {
            await using var command = Sql.Command(connection, null,
                $"""
                UPDATE reminders SET lease_owner = @o, lease_until = @l
                WHERE (grain_type, grain_key, name) IN (
                    SELECT grain_type, grain_key, name FROM reminders WHERE due_at <= @now AND lease_until < @now
                    ORDER BY due_at LIMIT @m{dialect.SkipLocked})
                RETURNING {ReminderColumns}
                """,
                ("@o", owner), ("@l", leaseUntil), ("@now", now), ("@m", (long)max));
            await using var reader = await command.ExecuteReaderAsync(ct);
            var rows = new List<ReminderRow>();
            while (await reader.ReadAsync(ct)) rows.Add(ReadReminder(reader));
            rows.Sort((a, b) => a.DueAt.CompareTo(b.DueAt));
            return rows;
        }, ct);

    public async Task<long?> NextReminderDueAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        // A leased reminder becomes claimable again only when its lease runs out.
        await using var command = Sql.Command(connection, null,
            "SELECT MIN(CASE WHEN lease_until > due_at THEN lease_until ELSE due_at END) FROM reminders");
        var value = await command.ExecuteScalarAsync(ct);
        return value is null or DBNull ? null : Convert.ToInt64(value);
    }

    public Task SkipReminderTickAsync(GrainId grain, string name, string owner, long expectedDue, long nextDue, CancellationToken ct) =>
        WriteAsync(async connection =>
        {
            await using var command = Sql.Command(connection, null,
                """
                UPDATE reminders SET due_at = @next, lease_owner = NULL, lease_until = 0
                WHERE grain_type = @t AND grain_key = @k AND name = @n AND lease_owner = @o AND due_at = @due
                """,
                ("@next", nextDue), ("@t", grain.Type), ("@k", grain.Key), ("@n", name), ("@o", owner), ("@due", expectedDue));
            return await command.ExecuteNonQueryAsync(ct);
        }, ct);

    public Task ReleaseReminderLeasesAsync(string owner, CancellationToken ct) =>
        WriteAsync(async connection =>
        {
            await using var command = Sql.Command(connection, null,
                "UPDATE reminders SET lease_owner = NULL, lease_until = 0 WHERE lease_owner = @o", ("@o", owner));
            var released = await command.ExecuteNonQueryAsync(ct);
            if (released > 0) await PublishAsync(connection, SignalTopics.Reminders, "", ct);
            return released;
        }, ct);

    public async Task<IReadOnlyList<ReminderRow>> ListRemindersAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var command = Sql.Command(connection, null, $"SELECT {ReminderColumns} FROM reminders ORDER BY due_at");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<ReminderRow>();
        while (await reader.ReadAsync(ct)) rows.Add(ReadReminder(reader));
        return rows;
    }
}
