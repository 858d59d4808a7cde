using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.DataChefs.Pipeline;
using HttmOrleans.DataChefs.Sql;
using HttmOrleans.DataChefs.Tests.Support;

namespace HttmOrleans.DataChefs.Tests.Sql;

public sealed class PostgresSourceTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private static readonly SourceEnvironment Environment = new();

    public Task InitializeAsync() => database.ExecuteAsync("""
        DROP TABLE IF EXISTS ratings;
        CREATE TABLE ratings (uid int, product text, score double precision, created timestamptz);
        INSERT INTO ratings
        SELECT n, 'item' || n, n % 5 + 1, timestamptz '2024-01-01 00:00:00+00' + n * interval '1 second'
        FROM generate_series(1, 10) AS n;
        INSERT INTO ratings VALUES (NULL, 'orphan', 3, NULL);
        """);

    public Task DisposeAsync() => Task.CompletedTask;

    private SqlDataSource Source(string query, long rowLimit = 1_000, int timeoutSeconds = 30) => new(new SqlSourceDefinition
    {
        Provider = "postgresql",
        ConnectionString = database.ConnectionString,
        Query = query,
        RowLimit = rowLimit,
        TimeoutSeconds = timeoutSeconds,
    }, Environment);

    [Fact]
    public async Task Query_rows_are_mapped_and_coerced_with_null_ids_rejected()
    {
        var sink = new InMemoryRowSink<InteractionRow>();
        var source = Source("SELECT uid, product, score, created FROM ratings ORDER BY uid NULLS LAST");

        var report = await Pipelines.Interactions(source, "uid->user_id,product->item_id,score->rating,created->timestamp")
            .MaterializeAsync(sink, CancellationToken.None);

        Assert.Equal((11, 10, 1), (report.RowsRead, report.Accepted, report.Rejected));
        Assert.Equal(1, report.RejectedByReason["missing user_id"]);
        Assert.Equal("row 11", Assert.Single(report.RejectedSamples).Position);
        Assert.Equal(new InteractionRow("1", "item1", 2f, 1_704_067_201_000), sink.Rows[0]);
    }

    [Fact]
    public async Task An_update_inside_the_query_fails_because_the_transaction_is_read_only()
    {
        var source = Source("UPDATE ratings SET score = 0 RETURNING uid AS user_id, product AS item_id");

        var error = await Assert.ThrowsAsync<SourceReadException>(() => Pipelines.ReadAllAsync(source));

        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await database.ScalarAsync("SELECT count(*) FROM ratings WHERE score = 0"));
    }

    [Fact]
    public async Task A_write_hidden_in_a_cte_fails_too()
    {
        var source = Source("WITH gone AS (DELETE FROM ratings RETURNING *) SELECT uid AS user_id, product AS item_id FROM gone");

        await Assert.ThrowsAsync<SourceReadException>(() => Pipelines.ReadAllAsync(source));

        Assert.Equal(11L, await database.ScalarAsync("SELECT count(*) FROM ratings"));
    }

    [Fact]
    public async Task The_row_limit_stops_the_read_and_says_so()
    {
        var source = Source("SELECT n AS user_id, n AS item_id FROM generate_series(1, 1000000) AS n", rowLimit: 3);

        var report = await Pipelines.Interactions(source).MaterializeAsync(new InMemoryRowSink<InteractionRow>(), CancellationToken.None);

        Assert.Equal(3, report.Accepted);
        Assert.Contains(report.Notes, n => n.StartsWith("row limit 3 reached", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_query_past_its_timeout_is_cancelled_by_the_server()
    {
        var source = Source("SELECT pg_sleep(30) AS user_id, 'i' AS item_id", timeoutSeconds: 1);

        var error = await Assert.ThrowsAsync<SourceReadException>(() => Pipelines.ReadAllAsync(source));

        Assert.Contains("timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_connection_string_is_refused_without_echoing_it()
    {
        var errors = new SqlSourceDefinition { ConnectionString = "Host=x;Bogus Key=secretvalue", Query = "SELECT 1" }.Validate(Environment);

        var error = Assert.Single(errors);
        Assert.Equal("connection_string", error.Field);
        Assert.DoesNotContain("secretvalue", error.Reason, StringComparison.Ordinal);
    }
}
