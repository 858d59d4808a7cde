using HttmOrleans.Hosting.Tests.Infrastructure;
using HttmOrleans.Hosting.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace HttmOrleans.Hosting.Tests;

public sealed class GrainStorageTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task State_a_grain_wrote_is_read_back_after_the_cluster_restarts_on_the_same_database(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        var serviceId = "svc-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            await using (var first = await TestClusters.StartAsync(TestClusters.Options(provider, database, serviceId)))
            {
                var counter = first.Client.GetGrain<ICounterGrain>("orders/7");
                await counter.Add(5, "first");
                Assert.Equal(12, await counter.Add(7, "second"));
                await first.StopAllSilosAsync();
            }

            await using var second = await TestClusters.StartAsync(TestClusters.Options(provider, database, serviceId));
            var state = await second.Client.GetGrain<ICounterGrain>("orders/7").Read();
            Assert.Equal(12, state.Total);
            Assert.Equal(["first", "second"], state.Notes);
            Assert.Equal(1, await Sql.ScalarAsync<int>(provider, database, "SELECT COUNT(*) FROM orleans_storage"));
        }
        finally
        {
            await TestDatabases.DropAsync(provider, database);
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_write_with_a_stale_etag_is_refused_and_a_cleared_state_reads_as_absent(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        try
        {
            await using var cluster = await TestClusters.StartAsync(TestClusters.Options(provider, database, "svc-etag"));
            var storage = cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(HttmSiloBuilderExtensions.StorageName);
            var grain = GrainId.Create("test-direct", "k1");

            var writer = new GrainState<CounterState>(new CounterState { Total = 1 });
            await storage.WriteStateAsync("counter", grain, writer);
            var stale = new GrainState<CounterState>(new CounterState()) { ETag = writer.ETag };
            writer.State!.Total = 2;
            await storage.WriteStateAsync("counter", grain, writer);

            stale.State!.Total = 99;
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", grain, stale));
            var fresh = new GrainState<CounterState>(new CounterState());
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", grain, fresh));

            await storage.ClearStateAsync("counter", grain, writer);
            var read = new GrainState<CounterState>(new CounterState());
            await storage.ReadStateAsync("counter", grain, read);
            Assert.False(read.RecordExists);
            Assert.Equal(0, read.State!.Total);
            // The cleared row keeps its version, so the reader may write again and a stale one still may not.
            read.State.Total = 3;
            await storage.WriteStateAsync("counter", grain, read);
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("counter", grain, stale));
        }
        finally
        {
            await TestDatabases.DropAsync(provider, database);
        }
    }
    [Fact]
    public async Task Many_grains_writing_the_SQLite_file_at_once_all_succeed_in_WAL_mode()
    {
        var database = TestDatabases.CreateSqlite();
        try
        {
            await using var cluster = await TestClusters.StartAsync(TestClusters.Options("sqlite", database, "svc-many"));

            // 40 activations write concurrently, as Orleans does: SQLite's single writer must make them wait, not fail.
            var totals = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
            {
                var counter = cluster.Client.GetGrain<ICounterGrain>($"busy/{i}");
                for (var round = 0; round < 3; round++) await counter.Add(1, $"round {round}");
                return (await counter.Read()).Total;
            }));

            Assert.All(totals, total => Assert.Equal(3, total));
            Assert.Equal(40, await Sql.ScalarAsync<int>("sqlite", database, "SELECT COUNT(*) FROM orleans_storage WHERE version = 3"));
            Assert.Equal("wal", await Sql.ScalarAsync<string>("sqlite", database, "PRAGMA journal_mode"));
        }
        finally
        {
            TestDatabases.DropSqlite(database);
        }
    }
}
