using System.Diagnostics;
using System.Text.Json;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.DataChefs.Pipeline;
using HttmOrleans.DataChefs.Queue;
using HttmOrleans.DataChefs.Snapshots;
using HttmOrleans.DataChefs.Tests.Support;

namespace HttmOrleans.DataChefs.Tests.Queue;

/// <summary>
/// The test assembly's entry point, used only as a child process: a consumer that drains a
/// queue into a snapshot exactly as a silo would, so a test can kill it for real.
/// <c>consume provider connection-string amqp-uri queue dataset crash-after-batches pause-ms</c>;
/// crash-after-batches &gt; 0 SIGKILLs itself right after that batch is stored, before its
/// messages are acknowledged.
/// </summary>
public static class ConsumerProgram
{
    public const string Mapping = "userId->user_id,productId->item_id";

    public static async Task<int> Main(string[] args)
    {
        if (args is not ["consume", var provider, var connectionString, var uri, var queue, var dataset, var crashAfter, var pauseMs])
        {
            await Console.Error.WriteLineAsync("usage: consume <sqlite|postgres> <connection-string> <amqp-uri> <queue> <dataset> <crash-after-batches> <pause-ms>");
            return 2;
        }

        var database = provider == "postgres" ? SnapshotStores.Postgres(connectionString) : SnapshotStores.Sqlite(connectionString);
        var scope = ScopeOf(queue);
        var source = new RabbitMqDataSource(
            new RabbitMqSourceDefinition { Uri = uri, Queue = queue, Prefetch = 20, IdleTimeoutMs = 1_000 },
            new SourceEnvironment { MessageLog = new DatabaseProcessedMessageLog(database), MessageScope = scope });
        var sink = SnapshotSinks.Interactions(database, dataset, 1, new SnapshotSinkOptions { MessageScope = scope });
        await using (sink)
        {
            var crashing = new CrashingSink(sink, int.Parse(crashAfter, System.Globalization.CultureInfo.InvariantCulture), int.Parse(pauseMs, System.Globalization.CultureInfo.InvariantCulture));
            var report = await Pipelines.Interactions(source, Mapping, batchSize: 1_000).MaterializeAsync(crashing, CancellationToken.None);
            Console.WriteLine(JsonSerializer.Serialize(report));
        }

        return 0;
    }

    public static string ScopeOf(string queue) => "chef-" + queue;

    private sealed class CrashingSink(ISnapshotSink<InteractionRow> inner, int crashAfter, int pauseMs) : IMessageTrackingRowSink<InteractionRow>
    {
        private int _batches;

        public ValueTask WriteBatchAsync(ReadOnlyMemory<InteractionRow> rows, CancellationToken cancellationToken) =>
            inner.WriteBatchAsync(rows, cancellationToken);

        public async ValueTask WriteBatchAsync(ReadOnlyMemory<InteractionRow> rows, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
        {
            await inner.WriteBatchAsync(rows, messageIds, cancellationToken);
            if (++_batches == crashAfter)
            {
                // Stored and marked, not yet acknowledged: the worst moment to die.
                Process.GetCurrentProcess().Kill();
            }

            // Widens the stored-but-unacknowledged window that an outside kill may hit.
            await Task.Delay(pauseMs, cancellationToken);
        }

        public ValueTask<SinkSummary> CompleteAsync(CancellationToken cancellationToken) => inner.CompleteAsync(cancellationToken);
    }
}
