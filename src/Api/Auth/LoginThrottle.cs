using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace HttmOrleans.Api.Auth;

/// <summary>
/// Per-node back-off for failed logins, kept per user name and per remote address. An attempt counts as a
/// failure from the moment it starts (and is taken back if it succeeds), so a burst of parallel guesses
/// cannot all slip through before the first one is counted. Unknown names are tracked like known ones, so
/// the back-off does not tell which names exist.
/// </summary>
public sealed class LoginThrottle(IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>Tracked names and addresses beyond which forgotten entries are swept out.</summary>
    private const int SweepAbove = 10_000;

    // Longer names are no account's (ids are at most 64 characters): cut, so a huge name costs no memory.
    private const int MaxNameLength = 65;

    private readonly LoginLimits _limits = options.Value.Login;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>
    /// Starts an attempt: null when it may go on (it is counted as a failure until <see cref="Succeeded"/>),
    /// else how long to wait and whether the account or the client is the one waiting.
    /// </summary>
    public (TimeSpan Wait, bool Account)? TryBegin(string client, string username)
    {
        var now = time.GetUtcNow();
        var account = Get(AccountKey(username));
        var address = Get(ClientKey(client));
        // Both locks in one fixed order (account, then client): attempts never deadlock each other.
        lock (account)
        {
            lock (address)
            {
                var accountWait = account.Wait(now, _limits, _limits.FreeFailuresPerAccount);
                var clientWait = address.Wait(now, _limits, _limits.FreeFailuresPerClient);
                if (accountWait > TimeSpan.Zero || clientWait > TimeSpan.Zero)
                    return accountWait >= clientWait ? (accountWait, true) : (clientWait, false);
                account.Fail(now, _limits);
                address.Fail(now, _limits);
            }
        }

        if (_entries.Count > SweepAbove) Sweep(now);
        return null;
    }

    /// <summary>A correct password: the account starts afresh; the client only gets this attempt back.</summary>
    public void Succeeded(string client, string username)
    {
        if (_entries.TryGetValue(AccountKey(username), out var account))
            lock (account) account.Reset();
        if (_entries.TryGetValue(ClientKey(client), out var address))
            lock (address) address.Undo();
    }

    private Entry Get(string key) => _entries.GetOrAdd(key, static _ => new Entry());

    private static string AccountKey(string username) => "account:" + (username.Length > MaxNameLength ? username[..MaxNameLength] : username);

    private static string ClientKey(string client) => "client:" + client;

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            bool forgotten;
            lock (entry) forgotten = entry.Forgotten(now, _limits);
            if (forgotten) _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        }
    }

    /// <summary>Failures in a row and when the latest was; guarded by locking the entry.</summary>
    private sealed class Entry
    {
        private int _failures;
        private DateTimeOffset _last;
        private DateTimeOffset _previous;

        public TimeSpan Wait(DateTimeOffset now, LoginLimits limits, int free)
        {
            if (Forgotten(now, limits)) _failures = 0;
            if (_failures < free || _failures == 0) return TimeSpan.Zero;
            // 1×, 2×, 4× … the base delay for each failure past the free ones, capped (and no overflow).
            var doublings = Math.Min(_failures - free, 30);
            var delay = TimeSpan.FromTicks(Math.Min(limits.MaxDelay.Ticks, limits.BaseDelay.Ticks * (1L << doublings)));
            var wait = _last + delay - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        public void Fail(DateTimeOffset now, LoginLimits limits)
        {
            if (Forgotten(now, limits)) _failures = 0;
            _previous = _last;
            _last = now;
            _failures++;
        }

        public void Undo()
        {
            if (_failures == 0) return;
            _failures--;
            _last = _previous;
        }

        public void Reset() => _failures = 0;

        public bool Forgotten(DateTimeOffset now, LoginLimits limits) => _failures == 0 || now - _last > limits.ForgetAfter;
    }
}
