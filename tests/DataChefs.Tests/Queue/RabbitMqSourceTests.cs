using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.DataChefs.Pipeline;
using HttmOrleans.DataChefs.Queue;
using HttmOrleans.DataChefs.Tests.Support;

namespace HttmOrleans.DataChefs.Tests.Queue;

public sealed class RabbitMqSourceTests(RabbitBroker broker) : IClassFixture<RabbitBroker>, IDisposable
{
    private const string Mapping = "userId->user_id,productId->item_id";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Interaction(int i) => $$"""{"userId": "u{{i}}", "productId": "i{{i}}", "rating": {{(i % 5) + 1}}}""";

    private static RabbitMqDataSource Source(string queue, IProcessedMessageLog log, string? exchange = null, string routingKey = "", ushort prefetch = 50) =>
        new(new RabbitMqSourceDefinition
        {
            Uri = RabbitBroker.Uri, Queue = queue, Exchange = exchange, RoutingKey = routingKey, Prefetch = prefetch, IdleTimeoutMs = 400,
        }, new SourceEnvironment { MessageLog = log, MessageScope = "chef-" + queue });

    private static SourcePipeline<InteractionRow> Pipeline(RabbitMqDataSource source, int batchSize = 1_000) =>
        Pipelines.Interactions(source, Mapping, batchSize);

    [Fact]
    public async Task Duplicate_message_ids_store_exactly_the_distinct_rows_and_empty_the_queue()
    {
        var queue = await broker.NewQueueAsync();
        for (var i = 0; i < 30; i++)
        {
            await broker.PublishToQueueAsync(queue, Interaction(i), $"m{i}");
        }

        for (var i = 0; i < 30; i += 3)
        {
            await broker.PublishToQueueAsync(queue, Interaction(i), $"m{i}");
        }

        await broker.PublishToQueueAsync(queue, "{not json", "bad-1");
        await broker.PublishToQueueAsync(queue, $"[{Interaction(100)}, {Interaction(101)}]", "batch-1");
        var sink = new InMemoryRowSink<InteractionRow>();

        var report = await Pipeline(Source(queue, new InMemoryProcessedMessageLog()), batchSize: 7).MaterializeAsync(sink, CancellationToken.None);

        string[] expected = [.. Enumerable.Range(0, 30).Select(i => $"u{i}"), "u100", "u101"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), sink.Rows.Select(r => r.UserId).Order(StringComparer.Ordinal));
        Assert.Equal(10, report.DuplicatesSkipped);
        Assert.Equal((33, 32, 1), (report.RowsRead, report.Accepted, report.Rejected));
        Assert.Equal(1, report.RejectedByReason[RejectionReasons.InvalidJson]);
        Assert.Equal("message bad-1", Assert.Single(report.RejectedSamples).Position);
        Assert.Equal(0u, await broker.CountAsync(queue));
    }

    [Fact]
    public async Task Redelivered_messages_are_skipped_by_id_across_restarts()
    {
        var queue = await broker.NewQueueAsync();
        var logFile = System.IO.Path.Combine(_temp.Path, "processed.db");
        for (var i = 0; i < 5; i++)
        {
            await broker.PublishToQueueAsync(queue, Interaction(i), $"m{i}");
        }

        var first = new InMemoryRowSink<InteractionRow>();
        await Pipeline(Source(queue, new SqliteProcessedMessageLog(logFile))).MaterializeAsync(first, CancellationToken.None);
        for (var i = 0; i < 6; i++)
        {
            await broker.PublishToQueueAsync(queue, Interaction(i), $"m{i}");
        }

        var second = new InMemoryRowSink<InteractionRow>();
        var report = await Pipeline(Source(queue, new SqliteProcessedMessageLog(logFile))).MaterializeAsync(second, CancellationToken.None);

        Assert.Equal(5, first.Rows.Count);
        Assert.Equal(["u5"], second.Rows.Select(r => r.UserId));
        Assert.Equal(5, report.DuplicatesSkipped);
        Assert.Equal(0u, await broker.CountAsync(queue));
    }

    [Fact]
    public async Task A_consumer_that_dies_before_acknowledging_leaves_its_messages_for_the_next_one()
    {
        var queue = await broker.NewQueueAsync();
        for (var i = 0; i < 20; i++)
        {
            await broker.PublishToQueueAsync(queue, Interaction(i), $"m{i}");
        }

        var log = new InMemoryProcessedMessageLog();
        var dying = new FailingSink(failOnBatch: 2);

        await Assert.ThrowsAsync<IOException>(() => Pipeline(Source(queue, log), batchSize: 5).MaterializeAsync(dying, CancellationToken.None));
        var survivor = new InMemoryRowSink<InteractionRow>();
        var report = await Pipeline(Source(queue, log), batchSize: 5).MaterializeAsync(survivor, CancellationToken.None);

        var stored = dying.Stored.Concat(survivor.Rows).Select(r => r.UserId).ToList();
        Assert.Equal(5, dying.Stored.Count);
        Assert.Equal(15, survivor.Rows.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"u{i}").Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        Assert.Equal(0, report.DuplicatesSkipped);
        Assert.Equal(0u, await broker.CountAsync(queue));
    }

    [Fact]
    public async Task More_messages_than_the_prefetch_are_drained_by_committing_early()
    {
        var queue = await broker.NewQueueAsync();
        for (var i = 0; i < 120; i++)
        {
            await broker.PublishToQueueAsync(queue, Interaction(i), $"m{i}");
        }

        var sink = new InMemoryRowSink<InteractionRow>();

        var report = await Pipeline(Source(queue, new InMemoryProcessedMessageLog(), prefetch: 10), batchSize: 10_000)
            .MaterializeAsync(sink, CancellationToken.None);

        Assert.Equal(120, report.Accepted);
        Assert.Equal(120, sink.Rows.Select(r => r.UserId).Distinct().Count());
        Assert.True(sink.Batches >= 120 / 5, $"expected early commits every 5 messages, saw {sink.Batches} batches");
    }

    [Fact]
    public async Task An_exchange_binding_receives_only_matching_routing_keys()
    {
        var exchange = await broker.NewTopicExchangeAsync();
        var queue = broker.NewQueueName();
        var source = Source(queue, new InMemoryProcessedMessageLog(), exchange, "ratings.*");
        await source.EnsureTopologyAsync(CancellationToken.None);
        await broker.PublishAsync(exchange, "ratings.new", Interaction(1), "a");
        await broker.PublishAsync(exchange, "orders.new", Interaction(2), "b");
        await broker.PublishAsync(exchange, "ratings.updated", Interaction(3), "c");
        var sink = new InMemoryRowSink<InteractionRow>();

        await Pipeline(source).MaterializeAsync(sink, CancellationToken.None);

        Assert.Equal(["u1", "u3"], sink.Rows.Select(r => r.UserId));
    }

    [Fact]
    public async Task A_preview_acknowledges_nothing()
    {
        var queue = await broker.NewQueueAsync();
        for (var i = 0; i < 6; i++)
        {
            await broker.PublishToQueueAsync(queue, Interaction(i), $"m{i}");
        }

        var log = new InMemoryProcessedMessageLog();

        var preview = await Pipeline(Source(queue, log)).PreviewAsync(3, CancellationToken.None);
        var sink = new InMemoryRowSink<InteractionRow>();
        await Pipeline(Source(queue, log)).MaterializeAsync(sink, CancellationToken.None);

        Assert.Equal(3, preview.Rows.Count);
        Assert.Equal(["userId", "productId", "rating"], preview.Columns.Select(c => c.Name));
        Assert.Equal(6, sink.Rows.Count);
    }

    [Fact]
    public async Task A_missing_queue_is_a_read_error_not_an_empty_result()
    {
        var error = await Assert.ThrowsAsync<SourceReadException>(
            () => Pipelines.ReadAllAsync(Source("datachefs-test-missing-" + Guid.NewGuid().ToString("N"), new InMemoryProcessedMessageLog())));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    private sealed class FailingSink(int failOnBatch) : IRowSink<InteractionRow>
    {
        private int _batches;

        public List<InteractionRow> Stored { get; } = [];

        public ValueTask WriteBatchAsync(ReadOnlyMemory<InteractionRow> rows, CancellationToken cancellationToken)
        {
            if (++_batches == failOnBatch)
            {
                throw new IOException("disk gone");
            }

            Stored.AddRange(rows.Span);
            return ValueTask.CompletedTask;
        }
    }
}
