namespace HttmOrleans.Tests.Shared;

/// <summary>Waiting for a condition that becomes true in its own time (linked into every test project that waits, one copy).</summary>
public static class Eventually
{
    /// <summary>
    /// Polls until <paramref name="condition"/> holds, failing with <paramref name="what"/> and the last value
    /// (through <paramref name="describe"/> when given) after <paramref name="timeout"/>.
    /// A probe that times out (a cluster call on a loaded machine) counts as "not yet", not as the answer, until the
    /// deadline; then its exception is the failure.
    /// </summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout, string what, Func<T, string>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                var value = await probe();
                if (condition(value)) return value;
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting for {what}. Last value: {(describe is null ? value?.ToString() : describe(value))}");
            }
            catch (TimeoutException) when (DateTime.UtcNow <= deadline)
            {
                // A slow answer, not a wrong one: ask again.
            }

            await Task.Delay(50);
        }
    }
}
