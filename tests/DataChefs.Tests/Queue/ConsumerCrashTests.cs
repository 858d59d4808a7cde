using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HttmOrleans.DataChefs.Tests.Support;

namespace HttmOrleans.DataChefs.Tests.Queue;

/// <summary>
/// A real consumer process (this assembly's <see cref="ConsumerProgram"/>) draining RabbitMQ into
/// a snapshot is SIGKILLed mid-run; a fresh one finishes. Every message's rows must end up in
/// the snapshot exactly once: none lost after an acknowledgement, none stored twice.
/// </summary>
public sealed class ConsumerCrashTests(RabbitBroker broker, SnapshotStores stores) : IClassFixture<RabbitBroker>, IClassFixture<SnapshotStores>
{
    private const int SigkillExitCode = 137;

    private static string Message(int i) => $$"""[{"userId": "u{{i}}", "productId": "a{{i}}"}, {"userId": "u{{i}}", "productId": "b{{i}}"}]""";

    private async Task<string> QueueWithMessagesAsync(int count)
    {
        var queue = await broker.NewQueueAsync();
        for (var i = 0; i < count; i++)
        {
            await broker.PublishToQueueAsync(queue, Message(i), $"m{i}");
        }

        return queue;
    }

    private string ConnectionString(string provider) => provider == "postgres" ? stores.PostgresConnectionString : stores.SqliteConnectionString;

    private Process StartConsumer(string provider, string queue, string dataset, int crashAfterBatches, int pauseMs)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            typeof(ConsumerProgram).Assembly.Location, "consume", provider, ConnectionString(provider), RabbitBroker.Uri, queue, dataset,
            crashAfterBatches.ToString(CultureInfo.InvariantCulture), pauseMs.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("The consumer process did not start.");
    }

    private static async Task<(int ExitCode, string Output)> FinishAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    private async Task<long> StoredCountAsync(string provider, string dataset) => Convert.ToInt64(
        await stores.ScalarAsync(provider, $"SELECT COUNT(*) FROM snapshot_interactions WHERE dataset_id = '{dataset}'"), CultureInfo.InvariantCulture);

    private async Task AssertEveryMessageStoredExactlyOnceAsync(string provider, string dataset, string queue, int messages)
    {
        var stored = await stores.RowsAsync(provider,
            $"SELECT ordinal, user_id, item_id FROM snapshot_interactions WHERE dataset_id = '{dataset}' AND snapshot = 1 ORDER BY ordinal");
        var expected = Enumerable.Range(0, messages).SelectMany(i => new[] { ($"u{i}", $"a{i}"), ($"u{i}", $"b{i}") });
        Assert.Equal(expected.Order(), stored.Select(r => ((string)r[1]!, (string)r[2]!)).Order());
        Assert.Equal(Enumerable.Range(0, messages * 2).Select(i => (long)i), stored.Select(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture)));
        Assert.Equal((long)messages, Convert.ToInt64(await stores.ScalarAsync(provider,
            $"SELECT COUNT(*) FROM datachef_processed_messages WHERE scope = '{ConsumerProgram.ScopeOf(queue)}'"), CultureInfo.InvariantCulture));
        Assert.Equal(0u, await broker.CountAsync(queue));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_consumer_killed_after_storing_a_batch_but_before_acknowledging_it_stores_nothing_twice(string provider)
    {
        var dataset = "crash-" + Guid.NewGuid().ToString("N")[..10];
        var queue = await QueueWithMessagesAsync(100);

        var (killedCode, killedOutput) = await FinishAsync(StartConsumer(provider, queue, dataset, crashAfterBatches: 3, pauseMs: 0));
        var storedBeforeRestart = await StoredCountAsync(provider, dataset);
        var (exitCode, output) = await FinishAsync(StartConsumer(provider, queue, dataset, crashAfterBatches: 0, pauseMs: 0));

        Assert.True(killedCode == SigkillExitCode, $"the first consumer should die by SIGKILL, exit {killedCode}: {killedOutput}");
        Assert.Equal(60, storedBeforeRestart); // three commits of ten 2-row messages (half the prefetch of 20)
        Assert.True(exitCode == 0, output);
        var report = JsonDocument.Parse(output).RootElement;
        // The third batch, redelivered and recognised; the second one's acknowledgement may still have been in the
        // client's send buffer when SIGKILL landed, and then it comes back and is recognised too.
        Assert.Contains(report.GetProperty("DuplicatesSkipped").GetInt64(), new long[] { 10, 20 });
        Assert.Equal(140, report.GetProperty("Accepted").GetInt64());
        await AssertEveryMessageStoredExactlyOnceAsync(provider, dataset, queue, 100);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Consumers_killed_from_outside_at_arbitrary_moments_lose_nothing_and_store_nothing_twice(string provider)
    {
        var dataset = "kill-" + Guid.NewGuid().ToString("N")[..10];
        var queue = await QueueWithMessagesAsync(300);

        foreach (var killAtRows in new[] { 150, 420 })
        {
            var consumer = StartConsumer(provider, queue, dataset, crashAfterBatches: 0, pauseMs: 100);
            while (!consumer.HasExited && await StoredCountAsync(provider, dataset) < killAtRows)
            {
                await Task.Delay(5);
            }

            Assert.False(consumer.HasExited, $"the consumer finished before it could be killed at {killAtRows} rows: {(await FinishAsync(consumer)).Output}");
            consumer.Kill();

            // The exit code of a child killed through Process.Kill reads 0 here, so tell death from success by the missing report.
            var (_, text) = await FinishAsync(consumer);
            Assert.DoesNotContain("RowsRead", text, StringComparison.Ordinal);
        }

        var (exitCode, output) = await FinishAsync(StartConsumer(provider, queue, dataset, crashAfterBatches: 0, pauseMs: 0));

        Assert.True(exitCode == 0, output);
        await AssertEveryMessageStoredExactlyOnceAsync(provider, dataset, queue, 300);
    }
}
