using System.Net;
using HttmOrleans.Api.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace HttmOrleans.Api.Tests;

/// <summary>Runs alone: it measures this process's managed heap, which other tests' nodes would share.</summary>
[CollectionDefinition(nameof(ImportMemoryTests), DisableParallelization = true)]
public sealed class ImportMemoryCollection;

/// <summary>
/// An import streams: a ~50 MB CSV, generated while it is sent (chunked, never held by the client), goes over
/// real HTTP into a node in this process, and the managed heap never grows by more than a bound far below the
/// file's size. The figure is the heap left after each garbage collection (sampled), so garbage not yet
/// collected does not count and the test does not depend on timing; holding every row (about 20x the file)
/// fails it at once.
/// </summary>
[Collection(nameof(ImportMemoryTests))]
public sealed class ImportMemoryTests(ITestOutputHelper output)
{
    private const long Rows = 2_500_000;
    private const long BoundBytes = 150L << 20;

    [Fact]
    public async Task A_50_MB_csv_import_keeps_the_managed_heap_within_150_MB_and_releases_it()
    {
        Assert.True(GeneratedCsv.BytesFor(Rows) > 50L << 20);
        await using var node = await ApiNode.StartAsync("sqlite");
        using var admin = await node.AdminAsync();
        admin.Timeout = TimeSpan.FromMinutes(10);
        await admin.Post("/api/v1/datasets", new { id = "huge", kind = "interactions" }, HttpStatusCode.Created);

        var baseline = SettledHeap();
        using var stop = new CancellationTokenSource();
        var peak = 0L;
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var heap = GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes;
                peak = Math.Max(peak, heap);
                // Code that holds every row would take gigabytes: stop it instead of waiting.
                if (heap - baseline > BoundBytes) await stop.CancelAsync();
                await Task.Delay(10);
            }
        });

        HttpResponseMessage? response = null;
        try
        {
            response = await admin.PostAsync("/api/v1/datasets/huge/import?format=csv", new GeneratedCsv(Rows), stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The bound was crossed; the assertion below says by how much.
        }
        finally
        {
            await stop.CancelAsync();
            await sampler;
        }

        output.WriteLine($"managed heap after GC: baseline {baseline >> 20} MB, peak growth {(peak - baseline) >> 20} MB while importing {Rows:N0} rows");
        Assert.True(peak - baseline <= BoundBytes, $"the heap grew by {(peak - baseline) >> 20} MB (bound {BoundBytes >> 20} MB) while importing {Rows:N0} rows");
        Assert.NotNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains($"\"imported\":{Rows}", body, StringComparison.Ordinal);
        Assert.Equal(Rows, (await node.Anonymous.Get("/api/v1/datasets/huge"))["sample_count"]!.GetValue<long>());
        var after = SettledHeap();
        output.WriteLine($"growth left after a full collection: {(after - baseline) >> 20} MB");
        Assert.True(after - baseline < 50L << 20, $"{(after - baseline) >> 20} MB stayed on the heap after the import");
    }

    private static long SettledHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes;
    }
}
