using System.Data.Common;
using HttmOrleans.Storage;

namespace HttmOrleans.Runtime.Storage;

/// <summary>One turn over ADO.NET: checks run at once, writes are applied in one batch at commit.</summary>
internal sealed class SqlTurnTransaction : ITurnTransaction
{
    private readonly SqlRuntimeStore _store;
    private readonly IDisposable? _gate;
    private readonly DbConnection? _connection;
    private readonly DbTransaction? _transaction;
    private readonly bool _rowExists;
    private readonly bool _placeholder;
    private readonly List<(string Sql, (string, object?)[] Parameters)> _writes = [];
    private readonly HashSet<(string Topic, string Payload)> _signals = [];
    private bool _stateWritten;
    private string? _newJson;
    private bool _committed;

    public SqlTurnTransaction(SqlRuntimeStore store, GrainId grain, bool readOnly, IDisposable? gate, DbConnection? connection,
        DbTransaction? transaction, long etag, string? json, bool rowExists, bool placeholder)
    {
        _store = store;
        Grain = grain;
        ReadOnly = readOnly;
        _gate = gate;
        _connection = connection;
        _transaction = transaction;
        Etag = etag;
        StateJson = json;
        _rowExists = rowExists;
        _placeholder = placeholder;
    }

    public GrainId Grain { get; }
    public bool ReadOnly { get; }
    public long Etag { get; }
    public string? StateJson { get; }

    private DbConnection Connection => _connection ?? throw new InvalidOperationException("A read-only turn has no transaction.");

    public Task<(long Etag, string? Json)> ReadOtherStateAsync(GrainId other) =>
        _connection is null ? _store.ReadStateAsync(other, CancellationToken.None) : ReadInTransactionAsync(other);

    private async Task<(long, string?)> ReadInTransactionAsync(GrainId other)
    {
        await using var command = Sql.Command(Connection, _transaction,
            "SELECT etag, state FROM grains WHERE grain_type = @t AND grain_key = @k", ("@t", other.Type), ("@k", other.Key));
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt64(0), Sql.NullableString(reader, 1)) : (0, null);
    }

    public async Task<IReadOnlyList<ReminderRow>> ReadRemindersAsync()
    {
        DbConnection connection;
        DbConnection? owned = null;
        if (_connection is null) connection = owned = await _store.Dialect.OpenAsync(CancellationToken.None);
        else connection = _connection;
        try
        {
            await using var command = Sql.Command(connection, _transaction,
                $"SELECT {SqlRuntimeStore.ReminderColumns} FROM reminders WHERE grain_type = @t AND grain_key = @k ORDER BY name",
                ("@t", Grain.Type), ("@k", Grain.Key));
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<ReminderRow>();
            while (await reader.ReadAsync()) rows.Add(SqlRuntimeStore.ReadReminder(reader));
            return rows;
        }
        finally
        {
            if (owned is not null) await owned.DisposeAsync();
        }
    }

    public async Task<bool> TryConsumeOutboxAsync(long id, string owner)
    {
        await using var command = Sql.Command(Connection, _transaction,
            "DELETE FROM outbox WHERE id = @id AND lease_owner = @o", ("@id", id), ("@o", owner));
        return await command.ExecuteNonQueryAsync() == 1;
    }

    public async Task<bool> TryStartReminderTickAsync(string name, string owner, long due)
    {
        await using var command = Sql.Command(Connection, _transaction,
            "SELECT due_at, lease_owner FROM reminders WHERE grain_type = @t AND grain_key = @k AND name = @n" + _store.Dialect.ForUpdate,
            ("@t", Grain.Type), ("@k", Grain.Key), ("@n", name));
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() && reader.GetInt64(0) == due && Sql.NullableString(reader, 1) == owner;
    }

    public async Task<bool> TryFinishJobAsync(string jobId, string? owner, JobStatus status, string? result, string? error, long now)
    {
        var condition = owner is not null
            ? "status = 'running' AND lease_owner = @o"
            : "((status = 'queued' AND cancel_requested = 1) OR (status = 'running' AND lease_until < @now AND (attempts >= max_attempts OR cancel_requested = 1)))";
        await using var command = Sql.Command(Connection, _transaction,
            $"""
            UPDATE jobs SET status = @s, result = @r, error = @e, finished_at = @now, lease_owner = NULL, lease_until = 0,
                progress = {(status == JobStatus.Succeeded ? "100" : "progress")}
            WHERE id = @id AND {condition}
            """,
            ("@s", SqlRuntimeStore.StatusText(status)), ("@r", result), ("@e", error), ("@now", now), ("@id", jobId));
        if (owner is not null) Sql.Add(command, "@o", owner);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    private void Queue(string sql, params (string, object?)[] parameters)
    {
        if (ReadOnly) throw new GrainCallException($"A [ReadOnly] call on {Grain} tried to write.");
        _writes.Add((sql, parameters));
    }

    public void WriteState(string? json)
    {
        if (ReadOnly) throw new GrainCallException($"A [ReadOnly] call on {Grain} tried to write its state.");
        _stateWritten = true;
        _newJson = json;
    }

    public void AdvanceReminder(string name, string owner, long due, long nextDue, long now) => Queue(
        """
        UPDATE reminders SET due_at = @next, lease_owner = NULL, lease_until = 0, last_tick_at = @now, tick_count = tick_count + 1
        WHERE grain_type = @t AND grain_key = @k AND name = @n AND lease_owner = @o AND due_at = @due
        """,
        ("@next", nextDue), ("@now", now), ("@t", Grain.Type), ("@k", Grain.Key), ("@n", name), ("@o", owner), ("@due", due));

    public void UpsertReminder(ReminderRow reminder)
    {
        Queue("""
            INSERT INTO reminders (grain_type, grain_key, name, period_ms, due_at, first_tick_at, lease_owner, lease_until, tick_count)
            VALUES (@t, @k, @n, @p, @d, @d, NULL, 0, 0)
            ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET
                period_ms = excluded.period_ms, due_at = excluded.due_at, first_tick_at = excluded.first_tick_at, lease_owner = NULL, lease_until = 0
            """,
            ("@t", Grain.Type), ("@k", Grain.Key), ("@n", reminder.Name), ("@p", reminder.PeriodMs), ("@d", reminder.DueAt));
        _signals.Add((SignalTopics.Reminders, ""));
    }

    public void DeleteReminder(string name)
    {
        Queue("DELETE FROM reminders WHERE grain_type = @t AND grain_key = @k AND name = @n", ("@t", Grain.Type), ("@k", Grain.Key), ("@n", name));
        _signals.Add((SignalTopics.Reminders, ""));
    }

    public void EnqueueJob(NewJob job)
    {
        Queue("""
            INSERT INTO jobs (id, owner_type, owner_key, kind, capability, payload, status, max_attempts, created_at)
            VALUES (@id, @ot, @ok, @kind, @cap, @payload, 'queued', @max, @now)
            """,
            ("@id", job.Id), ("@ot", job.Owner.Type), ("@ok", job.Owner.Key), ("@kind", job.Request.Kind), ("@cap", job.Request.Capability),
            ("@payload", job.Request.Payload), ("@max", (long)job.Request.MaxAttempts), ("@now", job.CreatedAt));
        _signals.Add((SignalTopics.Jobs, job.Request.Capability));
    }

    public void RequestJobCancel(string jobId)
    {
        Queue("UPDATE jobs SET cancel_requested = 1 WHERE id = @id AND status IN ('queued', 'running')", ("@id", jobId));
        _signals.Add((SignalTopics.JobCancel, jobId));
        _signals.Add((SignalTopics.Jobs, ""));
    }

    public void AddOutbox(GrainId target, string method, string args, long now)
    {
        Queue("INSERT INTO outbox (target_type, target_key, method, args, created_at) VALUES (@t, @k, @m, @a, @now)",
            ("@t", target.Type), ("@k", target.Key), ("@m", method), ("@a", args), ("@now", now));
        _signals.Add((SignalTopics.Outbox, ""));
    }

    public void AppendEvent(string eventType, string payload, long now) => Queue(
        "INSERT INTO grain_events (grain_type, grain_key, event_type, payload, at) VALUES (@t, @k, @e, @p, @now)",
        ("@t", Grain.Type), ("@k", Grain.Key), ("@e", eventType), ("@p", payload), ("@now", now));

    public void Notify(string topic, string payload)
    {
        if (ReadOnly) throw new GrainCallException($"A [ReadOnly] call on {Grain} tried to signal.");
        _signals.Add((topic, payload));
    }

    public async Task<long> CommitAsync()
    {
        if (ReadOnly) return Etag;
        var batch = new List<(string Sql, (string, object?)[] Parameters)>(_writes.Count + 4);
        var newEtag = Etag;
        var now = UnixMs.From(DateTimeOffset.UtcNow);
        if (_stateWritten)
        {
            newEtag = Etag + 1;
            batch.Add(_rowExists
                ? ("UPDATE grains SET etag = @n, state = @s, updated_at = @now WHERE grain_type = @t AND grain_key = @k AND etag = @e",
                    [("@n", newEtag), ("@s", _newJson), ("@now", now), ("@t", Grain.Type), ("@k", Grain.Key), ("@e", Etag)])
                : ("INSERT INTO grains (grain_type, grain_key, etag, state, updated_at) VALUES (@t, @k, @n, @s, @now) ON CONFLICT (grain_type, grain_key) DO NOTHING",
                    [("@t", Grain.Type), ("@k", Grain.Key), ("@n", newEtag), ("@s", _newJson), ("@now", now)]));
        }
        else if (_placeholder)
        {
            batch.Add(("DELETE FROM grains WHERE grain_type = @t AND grain_key = @k AND etag = 0 AND state IS NULL", [("@t", Grain.Type), ("@k", Grain.Key)]));
        }
        batch.AddRange(_writes);
        if (_store.Dialect.NotifySql is { } notify)
            foreach (var (topic, payload) in _signals) batch.Add((notify, [("@notify", topic + "|" + payload)]));

        var stateRows = await ExecuteAsync(batch);
        if (_stateWritten && stateRows != 1)
            throw new InconsistentStateException(Grain, Etag.ToString(), null);
        await _transaction!.CommitAsync();
        _committed = true;
        if (_stateWritten) _store.Cache.Put(Grain, newEtag, _newJson);
        foreach (var (topic, payload) in _signals) _store.Signals.RaiseLocal(topic, payload);
        return newEtag;
    }

    /// <summary>Runs the collected statements; one round trip where the driver batches. Returns the first statement's row count.</summary>
    private async Task<int> ExecuteAsync(List<(string Sql, (string, object?)[] Parameters)> statements)
    {
        if (statements.Count == 0) return 0;
        if (Connection.CanCreateBatch)
        {
            await using var batch = Connection.CreateBatch();
            batch.Transaction = _transaction;
            foreach (var (sql, parameters) in statements)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = sql;
                foreach (var (name, value) in parameters)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = value ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync();
            return batch.BatchCommands[0].RecordsAffected;
        }
        var first = 0;
        for (var i = 0; i < statements.Count; i++)
        {
            await using var command = Sql.Command(Connection, _transaction, statements[i].Sql, statements[i].Parameters);
            var rows = await command.ExecuteNonQueryAsync();
            if (i == 0) first = rows;
        }
        return first;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_transaction is not null)
            {
                if (!_committed)
                {
                    try { await _transaction.RollbackAsync(); } catch (DbException) { /* the connection is gone; the server rolled back */ }
                }
                await _transaction.DisposeAsync();
            }
            if (_connection is not null) await _connection.DisposeAsync();
        }
        finally
        {
            _gate?.Dispose();
        }
    }
}
