using HttmOrleans.Storage;

namespace HttmOrleans.Runtime.Storage;

internal sealed partial class SqlRuntimeStore
{
    public Task UpsertSiloAsync(SiloRecord silo, CancellationToken ct) =>
        WriteAsync(async connection =>
        {
            await using var command = Sql.Command(connection, null,
                """
                INSERT INTO silos (silo_id, role, address, capabilities, version, started_at, last_heartbeat, load, status)
                VALUES (@id, @role, @addr, @caps, @ver, @start, @hb, @load, @status)
                ON CONFLICT (silo_id) DO UPDATE SET role = excluded.role, address = excluded.address, capabilities = excluded.capabilities,
                    version = excluded.version, started_at = excluded.started_at, last_heartbeat = excluded.last_heartbeat,
                    load = excluded.load, status = excluded.status
                """,
                ("@id", silo.SiloId), ("@role", silo.Role), ("@addr", silo.Address), ("@caps", string.Join(',', silo.Capabilities)),
                ("@ver", silo.Version), ("@start", UnixMs.From(silo.StartedAt)), ("@hb", UnixMs.From(silo.LastHeartbeat)),
                ("@load", silo.Load), ("@status", silo.Status));
            return await command.ExecuteNonQueryAsync(ct);
        }, ct);

    public async Task<IReadOnlyList<SiloRecord>> ListSilosAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var command = Sql.Command(connection, null,
            "SELECT silo_id, role, address, capabilities, version, started_at, last_heartbeat, load, status FROM silos ORDER BY started_at");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var silos = new List<SiloRecord>();
        while (await reader.ReadAsync(ct))
            silos.Add(new SiloRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.GetString(3).Split(',', StringSplitOptions.RemoveEmptyEntries), reader.GetString(4),
                UnixMs.To(reader.GetInt64(5)), UnixMs.To(reader.GetInt64(6)), reader.GetString(7), reader.GetString(8)));
        return silos;
    }
}
