using HttmOrleans.Runtime.Core;
using HttmOrleans.Runtime.Hosting;
using HttmOrleans.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace HttmOrleans.Runtime.Reminders;

/// <summary>
/// Fires due reminders. A node claims a reminder under a lease (SKIP LOCKED on PostgreSQL), then
/// runs the tick as a turn that re-checks the lease and moves the due time in the same
/// transaction, so a tick never fires twice even when leases race.
/// </summary>
internal sealed class ReminderService(GrainRuntime runtime, SiloIdentity silo, SiloOptions options, ILogger<ReminderService> logger)
{
    public async Task RunAsync(CancellationToken ct)
    {
        using var waker = new Waker(runtime.Store.Signals, SignalTopics.Reminders);
        while (!ct.IsCancellationRequested)
        {
            var wait = options.PollInterval;
            try
            {
                var fired = await FireDueAsync(ct);
                var next = await runtime.Store.NextReminderDueAsync(ct);
                if (fired > 0) wait = TimeSpan.Zero;
                else if (next is { } due)
                {
                    var untilDue = TimeSpan.FromMilliseconds(due - UnixMs.From(runtime.Time.GetUtcNow()));
                    wait = untilDue < wait ? untilDue : wait;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Reminder round failed");
            }
            if (wait > TimeSpan.Zero) await waker.WaitAsync(wait, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<int> FireDueAsync(CancellationToken ct)
    {
        var now = UnixMs.From(runtime.Time.GetUtcNow());
        var claimed = await runtime.Store.ClaimDueRemindersAsync(silo.Id, now, now + (long)options.ReminderLease.TotalMilliseconds, 32, ct);
        if (claimed.Count == 0) return 0;
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (reminder, token) => await TickAsync(reminder, token));
        return claimed.Count;
    }

    private async Task TickAsync(ReminderRow reminder, CancellationToken ct)
    {
        var startedAt = UnixMs.From(runtime.Time.GetUtcNow());
        var next = ReminderSchedule.NextDue(reminder.DueAt, reminder.PeriodMs, startedAt);
        try
        {
            var type = runtime.Types.Find(reminder.Grain.Type)
                ?? throw new InvalidOperationException($"No grain class for type '{reminder.Grain.Type}' on this node.");
            var status = new TickStatus(UnixMs.To(reminder.FirstTickAt), TimeSpan.FromMilliseconds(reminder.PeriodMs), UnixMs.To(reminder.DueAt));
            await runtime.RunTurnAsync(reminder.Grain, type, readOnly: false,
                async transaction =>
                {
                    if (!await transaction.TryStartReminderTickAsync(reminder.Name, silo.Id, reminder.DueAt)) return false;
                    // Queued first, so a re-registration made by the tick itself overrides it.
                    transaction.AdvanceReminder(reminder.Name, silo.Id, reminder.DueAt, next, startedAt);
                    return true;
                },
                async grain =>
                {
                    if (grain is not IRemindable remindable)
                        throw new InvalidOperationException($"{type.Class.Name} has reminders but does not implement IRemindable.");
                    await remindable.ReceiveReminder(reminder.Name, status);
                    return null;
                }, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // A failing tick is logged and skipped; the reminder goes on at its next due time.
            logger.LogWarning(e, "Reminder {Name} of {Grain} failed", reminder.Name, reminder.Grain);
            await runtime.Store.SkipReminderTickAsync(reminder.Grain, reminder.Name, silo.Id, reminder.DueAt, next, CancellationToken.None);
        }
    }
}
