using System.Data;
using System.Runtime.CompilerServices;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Pipeline;
using Microsoft.Data.Sqlite;

namespace HttmOrleans.DataChefs.Sql;

/// <summary>
/// Opens the file with <c>Mode=ReadOnly</c> and <c>PRAGMA query_only</c>. SQLite has no server to
/// enforce a timeout, and Microsoft.Data.Sqlite does not stop a running step when its token is
/// cancelled, so both the definition's timeout (a timer) and the caller's token (a preview's timeout,
/// a cancelled job, a client that went away) call <c>sqlite3_interrupt</c>, which ends the step at once.
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
            }, new StrongBox<bool>(), cancellationToken);

            var timedOut = new StrongBox<bool>();
            var handle = connection.Handle!;
            using var timer = new Timer(_ =>
            {
                timedOut.Value = true;
                SQLitePCL.raw.sqlite3_interrupt(handle);
            }, null, TimeSpan.FromSeconds(definition.TimeoutSeconds), Timeout.InfiniteTimeSpan);
            using var onCancel = cancellationToken.Register(() => SQLitePCL.raw.sqlite3_interrupt(handle));

            var command = connection.CreateCommand();
            await using (command)
            {
                command.CommandText = definition.Query;
                var reader = await Execute(() => command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken), timedOut, cancellationToken);
                await using (reader)
                {
                    var finished = false;
                    try
                    {
                        var rows = DbRecordStream.ReadAsync(reader, definition.RowLimit, _notes, static () => { }, cancellationToken)
                            .GetAsyncEnumerator(cancellationToken);
                        await using (rows)
                        {
                            while (await Execute(() => rows.MoveNextAsync().AsTask(), timedOut, cancellationToken))
                            {
                                yield return rows.Current;
                            }
                        }

                        finished = true;
                    }
                    finally
                    {
                        if (!finished)
                        {
                            // The caller stopped early: closing the reader must not run the rest of the statement.
                            SQLitePCL.raw.sqlite3_interrupt(handle);
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

    private static async Task<T> Execute<T>(Func<Task<T>> step, StrongBox<bool> timedOut, CancellationToken cancellationToken)
    {
        try
        {
            return await step();
        }
        catch (SqliteException e) when (cancellationToken.IsCancellationRequested && !timedOut.Value)
        {
            // Interrupted for the caller's token: report it as the cancellation it is.
            throw new OperationCanceledException("The query was cancelled.", e, cancellationToken);
        }
        catch (SqliteException e)
        {
            var what = timedOut.Value || e.SqliteErrorCode == SQLitePCL.raw.SQLITE_INTERRUPT
                ? "The query ran past its timeout and was interrupted"
                : e.SqliteErrorCode == SQLitePCL.raw.SQLITE_READONLY
                    ? "The query tried to write, but sources run read-only"
                    : "The query failed";
            throw new SourceReadException($"{what}: {e.Message}", e);
        }
    }
}
