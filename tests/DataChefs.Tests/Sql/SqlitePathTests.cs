using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Pipeline;
using HttmOrleans.DataChefs.Sql;
using HttmOrleans.DataChefs.Tests.Support;
using Microsoft.Data.Sqlite;

namespace HttmOrleans.DataChefs.Tests.Sql;

/// <summary>
/// A SQLite source opens only files in the source folder, resolved the way SQLite would open them,
/// and never the server's own database, however the path is spelled.
/// </summary>
public sealed class SqlitePathTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public SqlitePathTests()
    {
        Directory.CreateDirectory(Path.Combine(_data.Path, "sources"));
        Create(Path.Combine(_data.Path, "httm.db"));
        Create(Path.Combine(_data.Path, "sources", "shop.db"));
        File.CreateSymbolicLink(Path.Combine(_data.Path, "sources", "sneaky.db"), Path.Combine(_data.Path, "httm.db"));
        Directory.CreateSymbolicLink(Path.Combine(_data.Path, "sources", "up"), _data.Path);
    }

    public void Dispose() => _data.Dispose();

    private SourceEnvironment Environment(string? sourceDirectory = null) => new()
    {
        DataRoot = _data.Path,
        SourceDirectory = sourceDirectory ?? Path.Combine(_data.Path, "sources"),
        ProtectedFiles = [Path.Combine(_data.Path, "httm.db")],
    };

    private static IReadOnlyList<SourceValidationError> Validate(string dataSource, SourceEnvironment environment) =>
        new SqlSourceDefinition { Provider = "sqlite", ConnectionString = $"Data Source={dataSource}", Query = "SELECT 1" }.Validate(environment);

    [Theory]
    [InlineData("httm.db")]
    [InlineData("./httm.db")]
    [InlineData("sources/../httm.db")]
    [InlineData("sources/sneaky.db")]
    [InlineData("sources/up/httm.db")]
    [InlineData("file:httm.db")]
    [InlineData("file:httm.db?mode=ro&immutable=1")]
    [InlineData("file:sources/sneaky.db")]
    [InlineData("file:sources/%2e%2e/httm.db")]
    public void The_server_database_is_refused_however_the_path_is_spelled(string dataSource)
    {
        var error = Assert.Single(Validate(dataSource, Environment()));

        Assert.Equal("connection_string", error.Field);
    }

    [Fact]
    public void The_absolute_path_and_the_file_uri_of_the_server_database_are_refused()
    {
        var full = Path.Combine(_data.Path, "httm.db");

        Assert.Equal("connection_string", Assert.Single(Validate(full, Environment())).Field);
        Assert.Equal("connection_string", Assert.Single(Validate("file://" + full, Environment())).Field);
    }

    [Fact]
    public void The_server_database_and_its_journals_stay_refused_when_the_source_folder_is_the_whole_data_folder()
    {
        File.WriteAllText(Path.Combine(_data.Path, "httm.db-wal"), "");

        foreach (var name in new[] { "httm.db", "httm.db-wal", "sources/sneaky.db" })
        {
            var error = Assert.Single(Validate(name, Environment(sourceDirectory: _data.Path)));
            Assert.Contains("own database", error.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_file_in_the_source_folder_is_read()
    {
        Assert.Empty(Validate("sources/shop.db", Environment()));
        var source = new SqlDataSource(new SqlSourceDefinition { Provider = "sqlite", ConnectionString = "Data Source=file:sources/shop.db?mode=ro", Query = "SELECT n FROM t" }, Environment());

        var records = await Pipelines.ReadAllAsync(source);

        Assert.Equal(3, records.Count);
    }

    [Fact]
    public async Task An_endless_query_stops_when_its_token_is_cancelled()
    {
        var source = new SqlDataSource(new SqlSourceDefinition
        {
            Provider = "sqlite",
            ConnectionString = "Data Source=sources/shop.db",
            Query = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM r) SELECT n FROM r ORDER BY n DESC",
        }, Environment());
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            var reader = await source.OpenAsync(cancel.Token);
            await using (reader)
            {
                await foreach (var _ in reader.ReadAsync(cancel.Token))
                {
                }
            }
        });

        // The query never ends on its own, so any bound tells "stopped" from "ran on"; a loaded CI machine took 4 s.
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Stopping_after_the_first_rows_of_an_endless_query_returns_at_once()
    {
        var source = new SqlDataSource(new SqlSourceDefinition
        {
            Provider = "sqlite",
            ConnectionString = "Data Source=sources/shop.db",
            Query = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM r) SELECT n AS user_id, n AS item_id FROM r",
        }, Environment());
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var preview = await Pipelines.Interactions(source, "user_id->user_id,item_id->item_id").PreviewAsync(20, CancellationToken.None);

        Assert.Equal(20, preview.Rows.Count);

        // Reading the endless query to its end would never return; any bound tells the two apart.
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(30));
    }

    private static void Create(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3);";
        command.ExecuteNonQuery();
    }
}
