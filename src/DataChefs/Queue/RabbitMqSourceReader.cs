using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.DataChefs.Pipeline;
using HttmOrleans.DataChefs.Rest;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace HttmOrleans.DataChefs.Queue;

/// <summary>
/// One drain of a queue. The rule: a message is acknowledged only in <see cref="CommitAsync"/>,
/// which the pipeline calls after the sink stored every row yielded so far; its id is written
/// to the processed log first. Closing without a commit leaves every unacknowledged message
/// on the queue for the next reader.
/// </summary>
internal sealed class RabbitMqSourceReader(
    IConnection connection,
    IChannel channel,
    RabbitMqSourceDefinition definition,
    IProcessedMessageLog log,
    string scope) : ISourceReader
{
    private readonly Channel<QueueDelivery> _deliveries = Channel.CreateUnbounded<QueueDelivery>(new() { SingleReader = true });
    private readonly JsonPath _records = JsonPath.Parse(definition.RecordsPath);
    private readonly List<string> _notes = [];
    private readonly List<string> _uncommittedIds = [];
    private readonly HashSet<string> _uncommittedSet = new(StringComparer.Ordinal);
    private ulong _completedTag;
    private ulong _ackedTag;
    private long _duplicates;

    /// <inheritdoc />
    public IReadOnlyList<string> Notes => _notes;

    /// <inheritdoc />
    public long DuplicatesSkipped => _duplicates;

    /// <inheritdoc />
    public IReadOnlyCollection<string> PendingMessageIds => _uncommittedIds;

    /// <inheritdoc />
    // Half the prefetch: the broker stops sending once that many messages wait unacknowledged.
    public bool CommitDue => _uncommittedIds.Count >= Math.Max(1, definition.Prefetch / 2);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var id = delivery.BasicProperties.IsMessageIdPresent() ? delivery.BasicProperties.MessageId : null;
            _deliveries.Writer.TryWrite(new QueueDelivery(delivery.DeliveryTag, id, delivery.Body.ToArray(), delivery.Redelivered));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(definition.Queue, autoAck: false, consumer, cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceRecord> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long messages = 0;
        while (messages < definition.MaxMessages)
        {
            var delivery = await NextAsync(cancellationToken);
            if (delivery is null)
            {
                _notes.Add($"queue idle for {definition.IdleTimeoutMs.ToString(CultureInfo.InvariantCulture)} ms after {messages.ToString(CultureInfo.InvariantCulture)} message(s); stopped");
                yield break;
            }

            messages++;
            var id = delivery.MessageId is { Length: > 0 } given ? given : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(delivery.Body));
            if (_uncommittedSet.Contains(id) || await log.IsProcessedAsync(scope, id, cancellationToken))
            {
                // Safe to acknowledge at once: the first copy is stored, or still unacknowledged itself.
                _duplicates++;
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
                continue;
            }

            var records = Parse(delivery, id);
            _uncommittedIds.Add(id);
            _uncommittedSet.Add(id);
            for (var i = 0; i < records.Count; i++)
            {
                if (i == records.Count - 1)
                {
                    // Marked complete before the last record leaves: the pipeline stores it before committing.
                    _completedTag = delivery.DeliveryTag;
                }

                yield return records[i].WithCommitPoint(i == records.Count - 1);
            }
        }

        _notes.Add($"message limit {definition.MaxMessages.ToString(CultureInfo.InvariantCulture)} reached; the rest stays queued");
    }

    /// <inheritdoc />
    public async ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        if (_uncommittedIds.Count > 0)
        {
            await log.MarkProcessedAsync(scope, [.. _uncommittedIds], cancellationToken);
            _uncommittedIds.Clear();
            _uncommittedSet.Clear();
        }

        if (_completedTag > _ackedTag)
        {
            await channel.BasicAckAsync(_completedTag, multiple: true, cancellationToken);
            _ackedTag = _completedTag;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _deliveries.Writer.TryComplete();
        try
        {
            await channel.CloseAsync();
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.AlreadyClosedException or OperationCanceledException or IOException)
        {
            // Already gone: the broker requeues unacknowledged messages either way.
        }

        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }

    private async Task<QueueDelivery?> NextAsync(CancellationToken cancellationToken)
    {
        if (_deliveries.Reader.TryRead(out var ready))
        {
            return ready;
        }

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(definition.IdleTimeoutMs);
        try
        {
            return await _deliveries.Reader.ReadAsync(idle.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private List<SourceRecord> Parse(QueueDelivery delivery, string id)
    {
        var position = $"message {id}";
        try
        {
            using var document = JsonDocument.Parse(delivery.Body);
            var element = _records.Select(document.RootElement);
            if (element is null || JsonRecords.Count(element.Value) == 0)
            {
                return [SourceRecord.Unreadable(position, "message has no records", $"nothing at records path '{_records}'")];
            }

            return [.. JsonRecords.From(element.Value, i => $"{position}, record {i.ToString(CultureInfo.InvariantCulture)}")];
        }
        catch (JsonException e)
        {
            return [SourceRecord.Unreadable(position, RejectionReasons.InvalidJson, e.Message)];
        }
    }
}
