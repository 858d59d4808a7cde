using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Pipeline;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace HttmOrleans.DataChefs.Queue;

/// <summary>
/// JSON messages from RabbitMQ. A read drains the queue until it has been idle for
/// <see cref="RabbitMqSourceDefinition.IdleTimeoutMs"/> or <see cref="RabbitMqSourceDefinition.MaxMessages"/>
/// arrived; messages are acknowledged only when the pipeline commits, after the sink stored their rows.
/// </summary>
public sealed class RabbitMqDataSource : IDataSource
{
    private readonly RabbitMqSourceDefinition _definition;
    private readonly SourceEnvironment _environment;

    /// <summary>Validates the definition.</summary>
    public RabbitMqDataSource(RabbitMqSourceDefinition definition, SourceEnvironment environment)
    {
        definition.EnsureValid(environment);
        _definition = definition;
        _environment = environment;
    }

    /// <inheritdoc />
    public string Kind => "rabbitmq";

    /// <summary>
    /// Declares the durable queue and its exchange binding (exchange mode), or checks the queue
    /// exists (queue mode). Call it when the chef is created so messages wait from then on.
    /// </summary>
    public async Task EnsureTopologyAsync(CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(_definition, cancellationToken);
        await using (connection)
        {
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            await using (channel)
            {
                await DeclareAsync(channel, _definition, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<ISourceReader> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(_definition, cancellationToken);
        try
        {
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            await DeclareAsync(channel, _definition, cancellationToken);
            await channel.BasicQosAsync(0, _definition.Prefetch, global: false, cancellationToken);
            var reader = new RabbitMqSourceReader(connection, channel, _definition, _environment.MessageLog, _environment.MessageScope);
            await reader.StartAsync(cancellationToken);
            return reader;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    internal static async Task<IConnection> ConnectAsync(RabbitMqSourceDefinition definition, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(definition.Uri),
            ClientProvidedName = "httm-datachef",
            AutomaticRecoveryEnabled = false,
        };
        try
        {
            return await factory.CreateConnectionAsync(cancellationToken);
        }
        catch (BrokerUnreachableException e)
        {
            // The client's message names the endpoint only; the URI (with its password) stays out.
            throw new SourceReadException($"The RabbitMQ broker at {Secrets.RedactUrl(definition.Uri)} is unreachable.", e);
        }
    }

    private static async Task DeclareAsync(IChannel channel, RabbitMqSourceDefinition definition, CancellationToken cancellationToken)
    {
        try
        {
            if (definition.Exchange is { } exchange)
            {
                await channel.QueueDeclareAsync(definition.Queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
                await channel.QueueBindAsync(definition.Queue, exchange, definition.RoutingKey, cancellationToken: cancellationToken);
            }
            else
            {
                await channel.QueueDeclarePassiveAsync(definition.Queue, cancellationToken);
            }
        }
        catch (OperationInterruptedException e)
        {
            var what = definition.Exchange is null
                ? $"The queue '{definition.Queue}' does not exist"
                : $"The queue '{definition.Queue}' could not be bound to exchange '{definition.Exchange}'";
            throw new SourceReadException($"{what}: {e.ShutdownReason?.ReplyText ?? e.Message}", e);
        }
    }
}
