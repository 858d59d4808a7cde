namespace HttmOrleans.DataChefs.Rest;

/// <summary>Exponential backoff with jitter for 429 and 5xx answers.</summary>
/// <param name="MaxRetries">Retries after the first attempt; 0 disables retrying.</param>
/// <param name="BaseDelay">Delay before the first retry, doubled for each further one.</param>
/// <param name="MaxDelay">Cap on any single delay, including a server's Retry-After.</param>
public sealed record RetryPolicy(int MaxRetries, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>Five retries from 500 ms, at most 30 s apart.</summary>
    public static RetryPolicy Default { get; } = new(5, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));

    /// <summary>The delay before retry number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayFor(int attempt, TimeSpan? retryAfter, Random jitter)
    {
        if (retryAfter is { } serverAsked)
        {
            return serverAsked < MaxDelay ? serverAsked : MaxDelay;
        }

        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        // Full jitter keeps many chefs that failed together from retrying together.
        var withJitter = (exponential / 2) + (jitter.NextDouble() * exponential / 2);
        return TimeSpan.FromMilliseconds(Math.Min(withJitter, MaxDelay.TotalMilliseconds));
    }
}
