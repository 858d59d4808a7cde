using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.DataChefs.Pipeline;
using HttmOrleans.DataChefs.Sql;
using HttmOrleans.DataChefs.Tests.Support;
using Microsoft.Data.Sqlite;

namespace HttmOrleans.DataChefs.Tests.Sql;

public sealed class SqliteSourceTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public SqliteSourceTests()
    {
        using var connection = new SqliteConnection($"Data Source={System.IO.Path.Combine(_root.Path, "shop.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE pairs (doc TEXT, summ TEXT);
            INSERT INTO pairs VALUES ('a long document', 'short'), ('another one', ''), ('third', 'third summary');
            """;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _root.Dispose();

    private SourceEnvironment Environment => new() { DataRoot = _root.Path };

    private SqlDataSource Source(string query, string file = "shop.db", long rowLimit = 100, int timeoutSeconds = 30) => new(new SqlSourceDefinition
    {
        Provider = "sqlite",
        ConnectionString = $"Data Source={file}",
        Query = query,
        RowLimit = rowLimit,
        TimeoutSeconds = timeoutSeconds,
    }, Environment);

    [Fact]
    public async Task Rows_are_read_from_a_file_inside_the_data_root()
    {
        var sink = new InMemoryRowSink<TextPairRow>();

        var report = await Pipelines.TextPairs(Source("SELECT doc, summ FROM pairs ORDER BY rowid"), "doc->document,summ->summary")
            .MaterializeAsync(sink, CancellationToken.None);

        Assert.Equal((3, 2, 1), (report.RowsRead, report.Accepted, report.Rejected));
        Assert.Equal(1, report.RejectedByReason[RejectionReasons.EmptySummary]);
        Assert.Equal([new TextPairRow("a long document", "short"), new TextPairRow("third", "third summary")], sink.Rows);
    }

    [Fact]
    public async Task Writes_fail_because_the_file_is_opened_read_only()
    {
        var error = await Assert.ThrowsAsync<SourceReadException>(
            () => Pipelines.ReadAllAsync(Source("DELETE FROM pairs RETURNING doc, summ")));

        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, (await Pipelines.ReadAllAsync(Source("SELECT * FROM pairs"))).Count);
    }

    [Fact]
    public async Task The_row_limit_stops_the_read_and_says_so()
    {
        var report = await Pipelines.TextPairs(Source("SELECT doc AS document, doc AS summary FROM pairs", rowLimit: 2))
            .MaterializeAsync(new InMemoryRowSink<TextPairRow>(), CancellationToken.None);

        Assert.Equal(2, report.RowsRead);
        Assert.Contains(report.Notes, n => n.StartsWith("row limit 2 reached", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_runaway_query_is_interrupted_at_its_timeout()
    {
        var source = Source("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n", timeoutSeconds: 1);

        var error = await Assert.ThrowsAsync<SourceReadException>(() => Pipelines.ReadAllAsync(source));

        Assert.Contains("timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_file_outside_the_data_root_is_refused()
    {
        var errors = new SqlSourceDefinition { Provider = "sqlite", ConnectionString = "Data Source=/etc/passwd", Query = "SELECT 1" }
            .Validate(Environment);

        Assert.Equal(("connection_string", "The path is outside the data root."), (errors[0].Field, errors[0].Reason));
        Assert.Throws<SourceValidationException>(() => Source("SELECT 1", file: "../escape.db"));
    }
}
