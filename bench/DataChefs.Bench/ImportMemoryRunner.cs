using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HttmOrleans.DataChefs.Bench;

/// <summary>
/// <c>--import-memory</c>: per size, a seeded CSV is written to a temp file and sent with
/// <c>POST /api/v1/datasets/{id}/import?format=csv</c> to a node in this process (SQLite file, then PostgreSQL),
/// while the managed heap left after each collection is sampled. The client streams the file from disk, so what
/// grows is the node's.
/// </summary>
internal static class ImportMemoryRunner
{
    public static async Task<ImportMemoryResult> RunAsync(string store, long rows, BenchOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("import-memory-bench-").FullName;
        string? postgres = null;
        try
        {
            var csv = Path.Combine(folder, "interactions.csv");
            var bytes = InteractionsCsv.Write(csv, rows, seed: 42);
            var connectionString = store == "sqlite" ? "Data Source=" + Path.Combine(folder, "httm.db") : postgres = await CreatePostgresAsync(options.PostgresAdmin);
            var node = await BenchNode.StartAsync(connectionString, Path.Combine(folder, "data"));
            await using (node)
            {
                var created = await node.Admin.PostAsync("/api/v1/datasets", new StringContent("""{"id":"bench","kind":"interactions"}""", null, "application/json"));
                created.EnsureSuccessStatusCode();
                var heapBefore = SettledHeap();
                PeakMemory.Reset();
                var rssBefore = NodeProcessMemory.ResidentMiB();
                using var stop = new CancellationTokenSource();
                var peakHeap = heapBefore;
                var sampler = Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        peakHeap = Math.Max(peakHeap, GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes);
                        await Task.Delay(10);
                    }
                });
                var clock = Stopwatch.StartNew();
                var file = new FileStream(csv, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
                await using (file)
                {
                    var content = new StreamContent(file, 1 << 16);
                    content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
                    var response = await node.Admin.PostAsync("/api/v1/datasets/bench/import?format=csv", content);
                    var answer = await response.Content.ReadAsStringAsync();
                    if (!response.IsSuccessStatusCode || !answer.Contains($"\"imported\":{rows}", StringComparison.Ordinal))
                        throw new InvalidOperationException($"The import answered {(int)response.StatusCode}: {answer}");
                }

                clock.Stop();
                await stop.CancelAsync();
                await sampler;
                var peakRss = NodeProcessMemory.PeakMiB();
                var heapAfter = SettledHeap();
                return new ImportMemoryResult(store, rows, bytes / 1024.0 / 1024.0, clock.Elapsed,
                    peakRss - rssBefore, NodeProcessMemory.ResidentMiB() - rssBefore, MiB(peakHeap - heapBefore), MiB(heapAfter - heapBefore));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (postgres is not null) await DropPostgresAsync(options.PostgresAdmin, postgres);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double MiB(long bytes) => bytes / 1024.0 / 1024.0;

    private static long SettledHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes;
    }

    private static async Task<string> CreatePostgresAsync(string admin)
    {
        var name = "import_bench_" + Guid.NewGuid().ToString("N")[..10];
        var connection = new NpgsqlConnection(admin);
        await using (connection)
        {
            await connection.OpenAsync();
            var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await using (command)
            {
                await command.ExecuteNonQueryAsync();
            }
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    private static async Task DropPostgresAsync(string admin, string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var connection = new NpgsqlConnection(admin);
        await using (connection)
        {
            await connection.OpenAsync();
            var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(connectionString).Database} WITH (FORCE)", connection);
            await using (command)
            {
                await command.ExecuteNonQueryAsync();
            }
        }
    }
}
