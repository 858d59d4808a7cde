namespace HttmOrleans.Hosting.Tests.Infrastructure;

public static class Eventually
{
    /// <summary>
    /// Polls until <paramref name="condition"/> holds, failing with <paramref name="what"/> after <paramref name="timeout"/>.
    /// A probe that times out (a cluster call on a loaded machine) counts as "not yet", not as the answer, until the
    /// deadline; then its exception is the failure.
    /// </summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                var value = await probe();
                if (condition(value)) return value;
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting for {what}. Last value: {value}");
            }
            catch (TimeoutException) when (DateTime.UtcNow <= deadline)
            {
                // A slow answer, not a wrong one: ask again.
            }

            await Task.Delay(100);
        }
    }
}
