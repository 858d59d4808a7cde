using System.Data.Common;
using HttmOrleans.Storage.Configuration;
using Npgsql;

namespace HttmOrleans.Hosting.Storage;

/// <summary>
/// Version 0.1 ran the grains on a stand-in runtime that kept their state in a table <c>grains</c>.
/// Orleans cannot read those rows, and starting on them would show an empty server over the old data,
/// so such a database is refused with what to do instead of being silently ignored.
/// </summary>
public static class LegacyRuntimeCheck
{
    public static async Task ThrowIfLegacyAsync(string provider, string connectionString, CancellationToken ct)
    {
        await using DbConnection connection = provider == "postgres"
            ? new NpgsqlConnection(connectionString)
            : new SqliteDataSource(connectionString).CreateConnection();
        await connection.OpenAsync(ct);
        await using var exists = connection.CreateCommand();
        exists.CommandText = provider == "postgres"
            ? "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'grains'"
            : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'grains'";
        if (Convert.ToInt64(await exists.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 0) return;
        await using var rows = connection.CreateCommand();
        rows.CommandText = "SELECT count(*) FROM grains WHERE state IS NOT NULL";
        var count = Convert.ToInt64(await rows.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        if (count == 0) return;
        throw new HttmSettingException("Httm:Database",
            $"was written by HttmOrleans 0.1, whose stand-in runtime kept {count} grain state(s) in table 'grains'; "
            + "the Orleans version cannot read them. Start this version on a new database (for the embedded default: move the data "
            + "folder's httm.db aside, or set HTTM_DATA_DIR to a new folder), or keep running 0.1 on this one. Datasets, snapshots and "
            + "artifacts are in tables both versions share, but models, tasks and chefs must be created again.");
    }
}
