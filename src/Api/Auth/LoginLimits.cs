namespace HttmOrleans.Api.Auth;

/// <summary>
/// How many failed logins an account name, or one client address, gets for free; after that each failure
/// doubles the wait before the next try (<see cref="BaseDelay"/>, 2×, 4× … up to <see cref="MaxDelay"/>).
/// </summary>
public sealed class LoginLimits
{
    /// <summary>Failures in a row for one user name before the back-off starts.</summary>
    public int FreeFailuresPerAccount { get; set; } = 5;

    /// <summary>Failures from one remote address (any names) before the back-off starts; higher, since people share addresses.</summary>
    public int FreeFailuresPerClient { get; set; } = 20;

    /// <summary>The first wait.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Failures older than this (counted from the latest) are forgotten.</summary>
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromMinutes(15);
}
