using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using HttmOrleans.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit;

namespace HttmOrleans.Api.Tests;

/// <summary>Runs alone (see below).</summary>
[CollectionDefinition(nameof(DataChefTimeoutTests), DisableParallelization = true)]
public sealed class DataChefTimeoutCollection;

/// <summary>
/// A preview ends within its timeout_seconds however long the source would run: the query is cancelled,
/// the connection closed, and the answer is a 504 naming the timeout (or the first rows, when an
/// endless query yields them).
/// Alone, not beside other test classes: one test reads this process's CPU time to see that no query is left running.
/// </summary>
[Collection(nameof(DataChefTimeoutTests))]
public sealed class DataChefTimeoutTests(DataChefSecurityServices services) : IClassFixture<DataChefSecurityServices>
{
    private const string Endless = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM r) SELECT n AS user_id, n AS item_id FROM r";

    // Pure computation that never yields a row (and, unlike a sort, never grows in memory).
    private const string EndlessWithoutRows = Endless + " WHERE n < 0";

    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(3);

    private HttpClient Admin => services.Admin;

    public static TheoryData<string> Providers => new() { "sqlite", "postgresql" };

    private string Connection(string provider)
    {
        if (provider == "postgresql") return new NpgsqlConnectionStringBuilder(TestDatabases.PostgresAdmin) { Database = "postgres" }.ConnectionString;
        var file = Path.Combine(services.Node.DataDirectory, "sources", "loop.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
        }

        return "Data Source=sources/loop.db";
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_endless_query_that_yields_no_row_answers_504_within_the_timeout(string provider)
    {
        var body = new { source = new { kind = "sql", provider, connection_string = Connection(provider), query = EndlessWithoutRows } };
        var clock = Stopwatch.StartNew();

        var problem = await Admin.Post("/api/v1/datachefs/preview?timeout_seconds=5", body, HttpStatusCode.GatewayTimeout);

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(5) + Margin);
        Assert.Equal(5, problem["timeout_seconds"]!.GetValue<int>());
        Assert.Contains("timeout_seconds=5", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_endless_recursive_query_previews_its_first_rows_and_stops(string provider)
    {
        var body = new { source = new { kind = "sql", provider, connection_string = Connection(provider), query = Endless } };
        var clock = Stopwatch.StartNew();

        var preview = await Admin.Post("/api/v1/datachefs/preview?timeout_seconds=5&n=20", body);

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5) + Margin);
        Assert.Equal(20, preview["rows"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_client_that_goes_away_cancels_the_query()
    {
        using var impatient = new HttpClient { BaseAddress = services.Node.Address, Timeout = TimeSpan.FromSeconds(1) };
        impatient.DefaultRequestHeaders.Authorization = Admin.DefaultRequestHeaders.Authorization;
        var body = new { source = new { kind = "sql", provider = "sqlite", connection_string = Connection("sqlite"), query = EndlessWithoutRows } };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient.Post("/api/v1/datachefs/preview?timeout_seconds=300", body));
        await Task.Delay(TimeSpan.FromSeconds(1));

        // The query ran in this process: one still running would keep a thread busy (a core, or its share of a loaded one).
        var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        await Task.Delay(TimeSpan.FromSeconds(3));
        process.Refresh();
        Assert.InRange(process.TotalProcessorTime - before, TimeSpan.Zero, TimeSpan.FromSeconds(0.5));
    }

    [Fact]
    public async Task A_saved_chef_preview_honours_its_timeout_too()
    {
        await Admin.Post("/api/v1/datachefs", new
        {
            id = "endless", source = new { kind = "sql", provider = "sqlite", connection_string = Connection("sqlite"), query = EndlessWithoutRows },
        }, HttpStatusCode.Created);
        var clock = Stopwatch.StartNew();

        var problem = await Admin.Post("/api/v1/datachefs/endless/preview?timeout_seconds=2", null, HttpStatusCode.GatewayTimeout);

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2) + Margin);
        Assert.Equal(504, problem["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_materialization_of_an_endless_query_fails_at_the_source_timeout()
    {
        await Admin.Post("/api/v1/datachefs", new
        {
            id = "endless-run", source = new { kind = "sql", provider = "sqlite", connection_string = Connection("sqlite"), query = EndlessWithoutRows, timeout_seconds = 2 },
        }, HttpStatusCode.Created);
        var clock = Stopwatch.StartNew();

        await Admin.Post("/api/v1/datachefs/endless-run/materialize", null, HttpStatusCode.Accepted);
        var chef = await Eventually.Until(() => Admin.Get("/api/v1/datachefs/endless-run"), c => c["last"] is JsonObject && c["running_job"] is null,
            TimeSpan.FromSeconds(30), "the materialization to give up");

        Assert.Equal("failed", chef["last"]!["status"]!.GetValue<string>());
        Assert.Contains("timeout", chef["last"]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2 * 2) + TimeSpan.FromSeconds(10));
    }
}
