using System.Text;
using HttmOrleans.DataChefs.Tests.Support;
using RabbitMQ.Client;

namespace HttmOrleans.DataChefs.Tests.Queue;

/// <summary>Test-side access to the real broker: uniquely named queues, publishing, counting.</summary>
public sealed class RabbitBroker : IAsyncLifetime
{
    private readonly List<string> _queues = [];
    private readonly List<string> _exchanges = [];
    private IConnection? _connection;
    private IChannel? _channel;

    public static string Uri => TestServices.Amqp;

    private IChannel Channel => _channel ?? throw new InvalidOperationException("The broker fixture is not initialized.");

    public async Task InitializeAsync()
    {
        _connection = await new ConnectionFactory { Uri = new Uri(Uri) }.CreateConnectionAsync();
        _channel = await _connection.CreateChannelAsync();
    }

    public async Task<string> NewQueueAsync()
    {
        var name = "datachefs-test-" + Guid.NewGuid().ToString("N")[..12];
        await Channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false);
        _queues.Add(name);
        return name;
    }

    public string NewQueueName()
    {
        var name = "datachefs-test-" + Guid.NewGuid().ToString("N")[..12];
        _queues.Add(name);
        return name;
    }

    public async Task<string> NewTopicExchangeAsync()
    {
        var name = "datachefs-test-x-" + Guid.NewGuid().ToString("N")[..12];
        await Channel.ExchangeDeclareAsync(name, ExchangeType.Topic, durable: false, autoDelete: false);
        _exchanges.Add(name);
        return name;
    }

    public async Task PublishAsync(string exchange, string routingKey, string body, string? messageId)
    {
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
        if (messageId is not null)
        {
            properties.MessageId = messageId;
        }

        await Channel.BasicPublishAsync(exchange, routingKey, mandatory: false, properties, Encoding.UTF8.GetBytes(body));
    }

    public Task PublishToQueueAsync(string queue, string body, string? messageId) => PublishAsync(string.Empty, queue, body, messageId);

    public async Task<uint> CountAsync(string queue) => await Channel.MessageCountAsync(queue);

    public async Task DisposeAsync()
    {
        if (_channel is null)
        {
            // Initialization failed (no broker configured); that failure is the one to report.
            return;
        }

        foreach (var queue in _queues)
        {
            await Channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
        }

        foreach (var exchange in _exchanges)
        {
            await Channel.ExchangeDeleteAsync(exchange, ifUnused: false);
        }

        await Channel.DisposeAsync();
        await _connection!.DisposeAsync();
    }
}
