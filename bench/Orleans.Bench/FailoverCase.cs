using System.Diagnostics;
using System.Globalization;
using HttmOrleans.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;

namespace HttmOrleans.OrleansBench;

/// <summary>
/// Two silo processes on the PostgreSQL cluster with the default (tuned) failure detection; grains
/// activated on the victim; SIGKILL; the time until every one of those keys answers from the survivor.
/// Each round starts a fresh victim next to the same survivor.
/// </summary>
internal static class FailoverCase
{
    private const int VictimKeys = 16;

    public static async Task<List<double>> RunAsync(string database, int rounds)
    {
        var clusterId = "bench-failover-" + Guid.NewGuid().ToString("N")[..6];
        using var survivor = await SiloProcess.StartAsync(database, clusterId);
        using var client = await StartClientAsync(database, clusterId);
        var grains = client.Services.GetRequiredService<IGrainFactory>();
        var seconds = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            using var victim = await SiloProcess.StartAsync(database, clusterId);
            var onVictim = await ActivateOnAsync(grains, victim.Pid, round);

            var clock = Stopwatch.StartNew();
            victim.Kill();
            var answered = await Task.WhenAll(onVictim.Select(key => AnswerElsewhereAsync(grains, key, victim.Pid, clock)));
            var last = answered.Max();
            seconds.Add(last);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  failover round {round}: {onVictim.Count} grains of silo {victim.Pid} answered from silo {survivor.Pid} after {answered.Min():F2}–{last:F2} s"));
        }
        return seconds;
    }

    private static async Task<IHost> StartClientAsync(string database, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var dataSource = NpgsqlDataSource.Create(database);
        builder.Services.AddSingleton(dataSource);
        builder.UseOrleansClient(client =>
        {
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = HttmSiloBuilderExtensions.PostgresInvariant;
                o.DataSource = dataSource;
            });
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = clusterId;
            });
            // Each round's new victim must show up in the client's gateway list within the round.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Activates fresh keys (random placement) until <see cref="VictimKeys"/> of them live on the victim.</summary>
    private static async Task<List<string>> ActivateOnAsync(IGrainFactory grains, int victimPid, int round)
    {
        var onVictim = new List<string>();
        var deadline = Stopwatch.StartNew();
        for (var n = 0; onVictim.Count < VictimKeys; n++)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"only {onVictim.Count} grains landed on the victim silo in 60 s");
            var key = $"failover-r{round}-k{n}";
            if (await grains.GetGrain<IBenchGrain>(key).ProcessId() == victimPid) onVictim.Add(key);
            else if (n % 8 == 7 && onVictim.Count == 0) await Task.Delay(200); // the survivor may not see the victim yet
        }
        return onVictim;
    }

    /// <summary>Seconds on <paramref name="clock"/> when <paramref name="key"/> first answers from a live silo.</summary>
    private static async Task<double> AnswerElsewhereAsync(IGrainFactory grains, string key, int deadPid, Stopwatch clock)
    {
        var grain = grains.GetGrain<IBenchGrain>(key);
        while (true)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(120)) throw new TimeoutException($"{key} did not answer within 120 s of the kill");
            try
            {
                if (await grain.ProcessId().WaitAsync(TimeSpan.FromSeconds(1)) != deadPid) return clock.Elapsed.TotalSeconds;
            }
            catch (Exception)
            {
                // Until the survivor declares the victim dead, calls go to its address and fail or time out.
                await Task.Delay(20);
            }
        }
    }
}
