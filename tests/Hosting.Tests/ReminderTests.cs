using System.Diagnostics;
using HttmOrleans.Hosting.Tests.Infrastructure;
using HttmOrleans.Hosting.Tests.TestGrains;

namespace HttmOrleans.Hosting.Tests;

public sealed class ReminderTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_one_second_reminder_fires_at_least_three_times_within_six_seconds_and_unregisters(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        try
        {
            await using var cluster = await TestClusters.StartAsync(TestClusters.Options(provider, database, "svc-tick"));
            var grain = cluster.Client.GetGrain<ITickGrain>("every-second");
            var clock = Stopwatch.StartNew();
            await grain.Start(TimeSpan.FromSeconds(1));

            var ticks = await Eventually.Until(() => grain.Ticks(), n => n >= 3, TimeSpan.FromSeconds(6), "three reminder ticks");

            Assert.True(ticks >= 3, $"{ticks} ticks after {clock.Elapsed}");
            Assert.Equal(1, await Sql.ScalarAsync<int>(provider, database, "SELECT COUNT(*) FROM orleans_reminders WHERE period = 1000"));

            await grain.Stop();
            Assert.Equal(0, await Sql.ScalarAsync<int>(provider, database, "SELECT COUNT(*) FROM orleans_reminders"));
        }
        finally
        {
            await TestDatabases.DropAsync(provider, database);
        }
    }
}
