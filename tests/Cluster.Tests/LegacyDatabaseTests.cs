using HttmOrleans.Cluster.Tests.Infrastructure;
using HttmOrleans.Storage.Configuration;
using Microsoft.Data.Sqlite;
using Xunit;

namespace HttmOrleans.Cluster.Tests;

/// <summary>A database written by version 0.1 (the stand-in runtime) is refused, not silently ignored.</summary>
public sealed class LegacyDatabaseTests
{
    [Fact]
    public async Task A_silo_on_a_database_with_the_old_runtimes_grain_state_refuses_it_in_one_line_saying_what_to_do()
    {
        var folder = Directory.CreateTempSubdirectory("httm-legacy-").FullName;
        try
        {
            var file = Path.Combine(folder, "httm.db");
            await using (var connection = new SqliteConnection($"Data Source={file};Pooling=false"))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                // The shape of version 0.1's table, with one model's state in it.
                command.CommandText = """
                    CREATE TABLE grains (grain_type TEXT NOT NULL, grain_key TEXT NOT NULL, etag INTEGER NOT NULL, state TEXT NULL,
                        updated_at INTEGER NOT NULL, PRIMARY KEY (grain_type, grain_key));
                    INSERT INTO grains VALUES ('Model', 'shop', 1, '{"id":"shop"}', 0);
                    """;
                await command.ExecuteNonQueryAsync();
            }

            await using var silo = NodeProcess.Start(HostPrograms.Silo, ["--db", file, .. HostRun.OwnClusterPorts()]);

            Assert.Equal(HttmCommandLine.UsageError, await silo.WaitForExitAsync(HostRun.RefusalBound));
            var line = HostRun.SingleErrorLine(silo, "httm-silo");
            Assert.Contains("Httm:Database was written by HttmOrleans 0.1", line, StringComparison.Ordinal);
            Assert.Contains("1 grain state(s)", line, StringComparison.Ordinal);
            Assert.Contains("Start this version on a new database", line, StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
