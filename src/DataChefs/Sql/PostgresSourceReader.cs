using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Pipeline;
using Npgsql;

namespace HttmOrleans.DataChefs.Sql;

/// <summary>
/// Runs the query inside <c>BEGIN TRANSACTION READ ONLY</c> with <c>SET LOCAL statement_timeout</c>,
/// so a query that tries to write fails and one that runs away is stopped by the server.
/// </summary>
internal sealed class PostgresSourceReader : ISourceReader
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly SqlSourceDefinition _definition;
    private readonly List<string> _notes = [];

    private PostgresSourceReader(NpgsqlConnection connection, NpgsqlTransaction transaction, SqlSourceDefinition definition)
    {
        _connection = connection;
        _transaction = transaction;
        _definition = definition;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Notes => _notes;

    /// <inheritdoc />
    public long DuplicatesSkipped => 0;

    /// <inheritdoc />
    public bool CommitDue => false;

    public static async Task<PostgresSourceReader> OpenAsync(SqlSourceDefinition definition, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(definition.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            var timeoutMs = (definition.TimeoutSeconds * 1000).ToString(CultureInfo.InvariantCulture);
            var setup = new NpgsqlCommand($"SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = {timeoutMs}", connection, transaction);
            await using (setup)
            {
                await setup.ExecuteNonQueryAsync(cancellationToken);
            }

            return new PostgresSourceReader(connection, transaction, definition);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw new SourceReadException($"Could not open the PostgreSQL source: {SafeMessage(e)}", e);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceRecord> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(_definition.Query, _connection, _transaction)
        {
            // The server's statement_timeout is the real limit; this only guards a silent server.
            CommandTimeout = _definition.TimeoutSeconds + 30,
        };
        await using (command)
        {
            var reader = await Execute(() => command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken));
            await using (reader)
            {
                var stoppedEarly = false;
                var finished = false;
                try
                {
                    var rows = DbRecordStream.ReadAsync(reader, _definition.RowLimit, _notes, () => stoppedEarly = true, cancellationToken)
                        .GetAsyncEnumerator(cancellationToken);
                    await using (rows)
                    {
                        while (await Execute(() => rows.MoveNextAsync().AsTask()))
                        {
                            yield return rows.Current;
                        }
                    }

                    finished = !stoppedEarly;
                }
                finally
                {
                    if (!finished)
                    {
                        // Closing the reader reads the rest of the result: of a huge one, or an endless one,
                        // when the caller stopped early (a preview's first rows, the row limit, a timeout).
                        command.Cancel();
                    }
                }
            }
        }
    }

    /// <inheritdoc />
    public ValueTask CommitAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _transaction.DisposeAsync();
        }
        catch (NpgsqlException)
        {
            // Rolling back after a cancelled query can fail; the connection is discarded anyway.
        }

        await _connection.DisposeAsync();
    }

    private static async Task<T> Execute<T>(Func<Task<T>> step)
    {
        try
        {
            return await step();
        }
        catch (PostgresException e)
        {
            var what = e.SqlState switch
            {
                PostgresErrorCodes.QueryCanceled => "The query ran past its timeout and was cancelled",
                PostgresErrorCodes.ReadOnlySqlTransaction => "The query tried to write, but sources run read-only",
                _ => "The query failed",
            };
            throw new SourceReadException($"{what}: {e.SqlState} {e.MessageText}", e);
        }
        catch (NpgsqlException e)
        {
            throw new SourceReadException($"The query failed: {SafeMessage(e)}", e);
        }
    }

    // Npgsql's messages name host and port at most, never the password.
    private static string SafeMessage(Exception e) => e is PostgresException p ? $"{p.SqlState} {p.MessageText}" : e.Message;
}
