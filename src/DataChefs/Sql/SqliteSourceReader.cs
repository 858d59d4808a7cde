using System.Data;
using System.Runtime.CompilerServices;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Pipeline;
using Microsoft.Data.Sqlite;

namespace HttmOrleans.DataChefs.Sql;

/// <summary>
/// Opens the file with <c>Mode=ReadOnly</c> and <c>PRAGMA query_only</c>; the timeout interrupts
/// the statement from a timer, since SQLite has no server to enforce one.
/// </summary>
internal sealed class SqliteSourceReader(SqlSourceDefinition definition, string file) : ISourceReader
{
    private readonly List<string> _notes = [];

    /// <inheritdoc />
    public IReadOnlyList<string> Notes => _notes;

    /// <inheritdoc />
    public long DuplicatesSkipped => 0;

    /// <inheritdoc />
    public bool CommitDue => false;

    public static SqliteSourceReader Open(SqlSourceDefinition definition, string file) => new(definition, file);

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceRecord> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder(definition.ConnectionString)
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ToString());
        await using (connection)
        {
            await Execute(async () =>
            {
                await connection.OpenAsync(cancellationToken);
                var pragma = connection.CreateCommand();
                await using (pragma)
                {
                    pragma.CommandText = "PRAGMA query_only = 1";
                    await pragma.ExecuteNonQueryAsync(cancellationToken);
                }

                return true;
            }, timedOut: false);

            var timedOut = false;
            using var timer = new Timer(_ =>
            {
                timedOut = true;
                SQLitePCL.raw.sqlite3_interrupt(connection.Handle);
            }, null, TimeSpan.FromSeconds(definition.TimeoutSeconds), Timeout.InfiniteTimeSpan);

            var command = connection.CreateCommand();
            await using (command)
            {
                command.CommandText = definition.Query;
                var reader = await Execute(() => command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken), timedOut);
                await using (reader)
                {
                    var rows = DbRecordStream.ReadAsync(reader, definition.RowLimit, _notes, static () => { }, cancellationToken)
                        .GetAsyncEnumerator(cancellationToken);
                    await using (rows)
                    {
                        while (await Execute(() => rows.MoveNextAsync().AsTask(), timedOut))
                        {
                            yield return rows.Current;
                        }
                    }
                }
            }
        }
    }

    /// <inheritdoc />
    public ValueTask CommitAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static async Task<T> Execute<T>(Func<Task<T>> step, bool timedOut)
    {
        try
        {
            return await step();
        }
        catch (SqliteException e)
        {
            var what = timedOut || e.SqliteErrorCode == SQLitePCL.raw.SQLITE_INTERRUPT
                ? "The query ran past its timeout and was interrupted"
                : e.SqliteErrorCode == SQLitePCL.raw.SQLITE_READONLY
                    ? "The query tried to write, but sources run read-only"
                    : "The query failed";
            throw new SourceReadException($"{what}: {e.Message}", e);
        }
    }
}
