using HttmOrleans.Runtime.Jobs;
using HttmOrleans.Runtime.Membership;
using HttmOrleans.Runtime.Messaging;
using HttmOrleans.Runtime.Reminders;
using HttmOrleans.Runtime.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HttmOrleans.Runtime.Hosting;

/// <summary>
/// Starts the runtime: migrates the schema, then (on a silo) runs the outbox, reminder, job and
/// membership loops. A graceful stop hands running jobs and reminder leases back for other silos.
/// </summary>
public sealed class RuntimeHost : IHostedService, IAsyncDisposable
{
    private readonly IRuntimeStore _store;
    private readonly SiloOptions _options;
    private readonly SiloIdentity _silo;
    private readonly OutboxDispatcher _outbox;
    private readonly ReminderService _reminders;
    private readonly JobWorker _jobs;
    private readonly MembershipService _membership;
    private readonly ILogger<RuntimeHost> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private bool _started;

    internal RuntimeHost(IRuntimeStore store, SiloOptions options, SiloIdentity silo, OutboxDispatcher outbox, ReminderService reminders,
        JobWorker jobs, MembershipService membership, ILogger<RuntimeHost> logger)
    {
        _store = store;
        _options = options;
        _silo = silo;
        _outbox = outbox;
        _reminders = reminders;
        _jobs = jobs;
        _membership = membership;
        _logger = logger;
    }

    public string SiloId => _silo.Id;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _store.MigrateAsync(cancellationToken);
        _started = true;
        if (!_options.Enabled)
        {
            _logger.LogInformation("Runtime client on {Provider} (no silo services)", _store.Provider);
            return;
        }
        await _membership.WriteAsync("active", cancellationToken);
        _loops.Add(Task.Run(() => _outbox.RunAsync(_stopping.Token), CancellationToken.None));
        _loops.Add(Task.Run(() => _reminders.RunAsync(_stopping.Token), CancellationToken.None));
        _loops.Add(Task.Run(() => _jobs.RunAsync(_stopping.Token), CancellationToken.None));
        _loops.Add(Task.Run(() => _membership.RunAsync(_stopping.Token), CancellationToken.None));
        _logger.LogInformation("Silo {Silo} started on {Provider} with capabilities {Capabilities}",
            _silo.Id, _store.Provider, string.Join(",", _options.EffectiveCapabilities));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_started || _stopping.IsCancellationRequested) return;
        await _stopping.CancelAsync();
        await Task.WhenAll(_loops).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_options.Enabled)
        {
            await _store.ReleaseReminderLeasesAsync(_silo.Id, CancellationToken.None);
            await _membership.WriteAsync("stopped", CancellationToken.None);
            _logger.LogInformation("Silo {Silo} stopped and handed its work back", _silo.Id);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopping.Dispose();
    }
}
