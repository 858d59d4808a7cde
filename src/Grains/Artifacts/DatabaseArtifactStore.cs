using System.Data.Common;
using HttmOrleans.Storage;

namespace HttmOrleans.Grains;

/// <summary>Artifacts in the database in 1 MiB chunks, so every node of a cluster reads them without a shared folder.</summary>
public sealed class DatabaseArtifactStore(HttmDatabase db, string scratch) : IArtifactStore
{
    private const int ChunkSize = 1 << 20;

    public async Task<(string Id, long Size)> PutDirectoryAsync(string directory, CancellationToken ct)
    {
        var (id, zip, size) = await ArtifactPacking.PackAsync(directory, scratch, ct);
        try
        {
            if (await ExistsAsync(id, ct)) return (id, size);
            using var gate = await db.EnterWriteAsync(ct);
            await using var connection = await db.OpenAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var buffer = new byte[ChunkSize];
            var seq = 0;
            await using (var input = File.OpenRead(zip))
            {
                int read;
                while ((read = await input.ReadAtLeastAsync(buffer, ChunkSize, throwOnEndOfStream: false, ct)) > 0)
                {
                    await using var insert = HttmDatabase.Command(connection, transaction,
                        "INSERT INTO artifact_chunks (id, seq, data) VALUES (@id, @seq, @data) ON CONFLICT (id, seq) DO NOTHING",
                        ("@id", id), ("@seq", seq++), ("@data", buffer.AsSpan(0, read).ToArray()));
                    await insert.ExecuteNonQueryAsync(ct);
                }
            }

            await using (var blob = HttmDatabase.Command(connection, transaction,
                "INSERT INTO artifact_blobs (id, size, chunks, created_at) VALUES (@id, @size, @chunks, @now) ON CONFLICT (id) DO NOTHING",
                ("@id", id), ("@size", size), ("@chunks", seq), ("@now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())))
                await blob.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
            return (id, size);
        }
        finally
        {
            File.Delete(zip);
        }
    }

    public async Task ExtractAsync(string id, string target, CancellationToken ct)
    {
        Directory.CreateDirectory(scratch);
        var zip = Path.Combine(scratch, Guid.NewGuid().ToString("N") + ".zip");
        try
        {
            await using (var output = File.Create(zip))
            await using (var connection = await db.OpenAsync(ct))
            {
                var chunks = 0;
                await using var select = HttmDatabase.Command(connection, null, "SELECT data FROM artifact_chunks WHERE id = @id ORDER BY seq", ("@id", id));
                await using var reader = await select.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var data = (byte[])reader.GetValue(0);
                    await output.WriteAsync(data, ct);
                    chunks++;
                }

                if (chunks == 0) throw new FileNotFoundException($"Artifact {id} is not in the database.");
            }

            await using var stream = File.OpenRead(zip);
            ArtifactPacking.Unpack(stream, target);
        }
        finally
        {
            File.Delete(zip);
        }
    }

    public async Task<bool> ExistsAsync(string id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var select = HttmDatabase.Command(connection, null, "SELECT 1 FROM artifact_blobs WHERE id = @id", ("@id", id));
        return await select.ExecuteScalarAsync(ct) is not null;
    }

    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        using var gate = await db.EnterWriteAsync(ct);
        await using var connection = await db.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var sql in new[] { "DELETE FROM artifact_chunks WHERE id = @id", "DELETE FROM artifact_blobs WHERE id = @id" })
        {
            await using DbCommand delete = HttmDatabase.Command(connection, transaction, sql, ("@id", id));
            await delete.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }
}
