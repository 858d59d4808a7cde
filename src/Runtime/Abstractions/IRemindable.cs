namespace HttmOrleans.Runtime;

/// <summary>A grain that receives durable reminder ticks.</summary>
public interface IRemindable
{
    /// <summary>One tick, run as a turn. A tick missed while the cluster was down fires once, late; then ticks realign to the period.</summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}

/// <summary>Describes one reminder tick.</summary>
/// <param name="FirstTickTime">When the reminder was first due after it was (re)registered.</param>
/// <param name="Period">The reminder's period.</param>
/// <param name="CurrentTickTime">The due time this tick stands for (not the time it ran).</param>
public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime);

/// <summary>A registered reminder.</summary>
public sealed record GrainReminder(string Name, TimeSpan Period, DateTimeOffset NextDue, long TickCount, DateTimeOffset? LastTick);
