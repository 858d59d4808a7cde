using HttmOrleans.Runtime.Core;
using HttmOrleans.Runtime.Hosting;
using HttmOrleans.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace HttmOrleans.Runtime.Messaging;

/// <summary>
/// Delivers one-way messages after the turn that wrote them committed. A message is deleted in
/// the same transaction as the receiving turn, so its effect and its removal commit together; a
/// failed delivery is retried with backoff and parked as dead after too many attempts.
/// </summary>
internal sealed class OutboxDispatcher(GrainRuntime runtime, SiloIdentity silo, SiloOptions options, ILogger<OutboxDispatcher> logger)
{
    private const int BatchSize = 64;

    public async Task RunAsync(CancellationToken ct)
    {
        using var waker = new Waker(runtime.Store.Signals, SignalTopics.Outbox);
        while (!ct.IsCancellationRequested)
        {
            var delivered = 0;
            try
            {
                delivered = await DeliverBatchAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Outbox delivery round failed");
            }
            if (delivered < BatchSize) await waker.WaitAsync(options.PollInterval, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<int> DeliverBatchAsync(CancellationToken ct)
    {
        var now = UnixMs.From(runtime.Time.GetUtcNow());
        var leaseUntil = now + (long)options.OutboxLease.TotalMilliseconds;
        var messages = await runtime.Store.ClaimOutboxAsync(silo.Id, now, leaseUntil, BatchSize, ct);
        if (messages.Count == 0) return 0;
        // Messages to one grain go in order; different grains in parallel.
        await Parallel.ForEachAsync(messages.GroupBy(m => m.Target), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (group, token) =>
            {
                foreach (var message in group) await DeliverAsync(message, token);
            });
        return messages.Count;
    }

    private async Task DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        try
        {
            var type = runtime.Types.Find(message.Target.Type)
                ?? throw new InvalidOperationException($"No grain class for type '{message.Target.Type}' on this node.");
            var method = type.FindMethod(message.Method)
                ?? throw new InvalidOperationException($"{type.Interface.Name} has no method {message.Method}.");
            var args = GrainRuntime.ReadArguments(method, message.Args);
            await runtime.RunTurnAsync(message.Target, type, readOnly: false,
                transaction => transaction.TryConsumeOutboxAsync(message.Id, silo.Id),
                grain => MethodInvoker.InvokeAsync(grain, method, args), ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var backoff = Math.Min(60_000, 250L << Math.Min(message.Attempts, 8));
            logger.LogWarning(e, "Delivering message {Id} to {Target} failed (attempt {Attempt})", message.Id, message.Target, message.Attempts + 1);
            await runtime.Store.ReleaseOutboxAfterFailureAsync(message.Id, silo.Id, e.Message,
                UnixMs.From(runtime.Time.GetUtcNow()) + backoff, options.OutboxDeadAfterAttempts, CancellationToken.None);
        }
    }
}
