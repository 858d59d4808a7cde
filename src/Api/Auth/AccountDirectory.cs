using HttmOrleans.Grains;
using HttmOrleans.Grains.Admin;
using HttmOrleans.Grains.Jobs;

namespace HttmOrleans.Api.Auth;

/// <summary>
/// This node's recent copy of the admin accounts, so checking a token is not a grain turn (a database
/// transaction) per request. A copy is used for at most <see cref="MaxAge"/>: an account removed or
/// re-passworded on another node stops working here within that time, on this node at once.
/// </summary>
public sealed class AccountDirectory(IGrainFactory grains, TimeProvider time)
{
    /// <summary>How stale a copy may be.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    // A name or stamp this copy does not know may be newer than the copy: reload, but not more often than this.
    private static readonly TimeSpan MinAgeToReloadOnMiss = TimeSpan.FromMilliseconds(100);

    private readonly object _gate = new();
    private Task<Snapshot>? _current;

    /// <summary>The account called <paramref name="username"/> (as of at most <see cref="MaxAge"/> ago), or null.</summary>
    public async Task<AdminAccount?> FindAsync(string username, Func<AdminAccount, bool> current)
    {
        var snapshot = await GetAsync(TimeSpan.Zero);
        var account = snapshot.Find(username);
        if (account is not null && current(account)) return account;
        if (time.GetUtcNow() - snapshot.At < MinAgeToReloadOnMiss) return account;
        return (await GetAsync(MinAgeToReloadOnMiss)).Find(username);
    }

    /// <summary>Forgets the copy: this node changed an account.</summary>
    public void Invalidate()
    {
        lock (_gate) _current = null;
    }

    // One load at a time: concurrent requests share it rather than each starting a turn.
    private Task<Snapshot> GetAsync(TimeSpan olderThan)
    {
        lock (_gate)
        {
            if (_current is { IsCompletedSuccessfully: true } done)
            {
                var age = time.GetUtcNow() - done.Result.At;
                if (age < MaxAge && (olderThan == TimeSpan.Zero || age < olderThan)) return done;
            }
            else if (_current is { IsCompleted: false } loading) return loading;

            // Off the lock: starting a turn opens a database transaction.
            return _current = Task.Run(LoadAsync);
        }
    }

    private async Task<Snapshot> LoadAsync()
    {
        var at = time.GetUtcNow();
        var state = await grains.GetGrain<IAdminGrain>(AdminGrain.Key).Get();
        return new Snapshot(state.Accounts.ToDictionary(a => a.Username, StringComparer.Ordinal), at);
    }

    private sealed record Snapshot(Dictionary<string, AdminAccount> Accounts, DateTimeOffset At)
    {
        public AdminAccount? Find(string username) => Accounts.GetValueOrDefault(username);
    }
}
