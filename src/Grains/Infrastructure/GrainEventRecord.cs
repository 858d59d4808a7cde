namespace HttmOrleans.Grains;

/// <summary>One recorded grain event (history for the dashboard).</summary>
public sealed record GrainEventRecord(long Id, GrainKey Grain, string EventType, string Payload, DateTimeOffset At);
