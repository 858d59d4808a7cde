namespace HttmOrleans.Runtime.Reminders;

internal static class ReminderSchedule
{
    /// <summary>
    /// The next due time after a tick due at <paramref name="due"/> that ran at <paramref name="now"/>:
    /// the first point of the reminder's grid (due + k·period) later than now. Ticks missed while
    /// nobody ran are not replayed: one late tick fires, then the grid resumes.
    /// </summary>
    public static long NextDue(long due, long period, long now)
    {
        if (now < due) return due + period;
        var periodsBehind = (now - due) / period + 1;
        return due + periodsBehind * period;
    }
}
