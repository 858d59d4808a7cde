using System.Data.Common;
using HttmOrleans.Runtime.Hosting;
using HttmOrleans.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HttmOrleans.Runtime.Bench;

/// <summary>
/// One runtime node inside the bench process, built the way the Silo builds one (silo services on,
/// default options), with the bench grain registered.
/// </summary>
internal sealed class BenchNode : IAsyncDisposable
{
    public const string GrainType = "BenchCounter";
    private readonly ServiceProvider _services;
    private readonly RuntimeHost _host;

    private BenchNode(ServiceProvider services)
    {
        _services = services;
        _host = services.GetRequiredService<RuntimeHost>();
        Grains = services.GetRequiredService<IGrainFactory>();
        Database = services.GetRequiredService<HttmDatabase>();
    }

    public IGrainFactory Grains { get; }
    public HttmDatabase Database { get; }

    public static async Task<BenchNode> StartAsync(string database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHttmRuntime(configure: o =>
        {
            o.Database = database;
            o.Silo.Id = $"bench-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
        });
        services.AddGrain<IBenchCounterGrain, BenchCounterGrain>();
        var node = new BenchNode(services.BuildServiceProvider(validateScopes: true));
        await node._host.StartAsync(CancellationToken.None);
        return node;
    }

    /// <summary>
    /// Writes keys <c>k0…k{n-1}</c> and <c>hot</c> with a count of zero in one statement, so the
    /// measured turns are updates of existing grains, as pgbench's are of existing accounts.
    /// </summary>
    public async Task PrimeAsync(int keys)
    {
        using var gate = await Database.EnterWriteAsync(CancellationToken.None);
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await using var command = HttmDatabase.Command(connection, null, """
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < @keys)
            INSERT INTO grains (grain_type, grain_key, etag, state, updated_at)
            SELECT @type, 'k' || CAST(i AS text), 1, '{"count":0}', 0 FROM n
            UNION ALL SELECT @type, 'hot', 1, '{"count":0}', 0
            """, ("@keys", (long)keys), ("@type", GrainType));
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The sum of every bench grain's count: it must equal the number of turns that committed.</summary>
    public async Task<long> SumCountsAsync()
    {
        var count = Database.IsPostgres ? "CAST(CAST(state AS json) ->> 'count' AS bigint)" : "json_extract(state, '$.count')";
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await using var command = HttmDatabase.Command(connection, null,
            $"SELECT COALESCE(SUM({count}), 0) FROM grains WHERE grain_type = @type", ("@type", GrainType));
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs one statement on the node's database (CHECKPOINT between cases and the like).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using DbConnection connection = await Database.OpenAsync(CancellationToken.None);
        await using var command = HttmDatabase.Command(connection, null, sql);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}
