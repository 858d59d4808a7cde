using System.Diagnostics;
using System.Globalization;
using HttmOrleans.DataChefs.Csv;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.DataChefs.Pipeline;
using HttmOrleans.DataChefs.Snapshots;

namespace HttmOrleans.DataChefs.Bench;

/// <summary>
/// Generates one CSV, then per round: the pipeline alone, the pipeline into a PostgreSQL
/// snapshot (its BRIN index, migration 1001), the same with no index and with the former btree, and
/// <c>psql \copy</c> of the same file.
/// Each timing is the best round (the machine is shared, so the minimum is the least disturbed).
/// </summary>
internal static class SizeRunner
{
    private const string Dataset = "bench";

    public static async Task<SizeResult> RunAsync(long rows, BenchOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("datachefs-bench-").FullName;
        try
        {
            var csv = Path.Combine(folder, "interactions.csv");
            var bytes = InteractionsCsv.Write(csv, rows, seed: 42);
            var database = await BenchDatabase.CreateAsync(options.PostgresAdmin);
            await using (database)
            {
                var best = new SizeResult(rows, bytes / 1024.0 / 1024.0, TimeSpan.MaxValue, TimeSpan.MaxValue, TimeSpan.MaxValue, TimeSpan.MaxValue, TimeSpan.MaxValue, 0, TimeSpan.MaxValue, 0);
                for (var round = 0; round < options.Repeat; round++)
                {
                    var (parseOnly, _, _) = await MaterializeAsync(new InMemoryCountingSink(), folder, options.BatchSize);

                    await database.ExecuteAsync("TRUNCATE snapshot_interactions, copy_baseline; " +
                        "CREATE INDEX IF NOT EXISTS ix_snapshot_interactions ON snapshot_interactions USING brin (dataset_id, snapshot, ordinal) WITH (pages_per_range = 16); CHECKPOINT");
                    var (indexed, report, peak) = await MaterializeAsync(Sink(database, 1), folder, options.BatchSize);
                    if (report.Accepted != rows || report.Rejected != 0)
                    {
                        throw new InvalidOperationException($"Expected {rows} accepted rows, got {report.Accepted} (rejected {report.Rejected}).");
                    }

                    var counting = Stopwatch.StartNew();
                    var duplicates = await SnapshotSql.CountDuplicatesAsync(database.Snapshots, "snapshot_interactions", "user_id, item_id", Dataset, 1, CancellationToken.None);
                    counting.Stop();

                    // The same load without the snapshot index: how much of the gap is the table's index, not the pipeline.
                    await database.ExecuteAsync("TRUNCATE snapshot_interactions; DROP INDEX ix_snapshot_interactions; CHECKPOINT");
                    var (unindexed, _, _) = await MaterializeAsync(Sink(database, 2), folder, options.BatchSize);

                    // The btree the table had before migration 1001, for comparison: its per-row maintenance was the bottleneck.
                    await database.ExecuteAsync("TRUNCATE snapshot_interactions; " +
                        "CREATE INDEX ix_snapshot_interactions_btree ON snapshot_interactions (dataset_id, snapshot, ordinal); CHECKPOINT");
                    var (btree, _, _) = await MaterializeAsync(Sink(database, 3), folder, options.BatchSize);
                    await database.ExecuteAsync("DROP INDEX ix_snapshot_interactions_btree; CHECKPOINT");

                    var copy = await PsqlCopy.RunAsync(database.ConnectionString, "copy_baseline", csv);
                    best = best with
                    {
                        ParseOnly = Min(best.ParseOnly, parseOnly),
                        Materialize = Min(best.Materialize, indexed),
                        Unindexed = Min(best.Unindexed, unindexed),
                        Btree = Min(best.Btree, btree),
                        DuplicateCount = Min(best.DuplicateCount, counting.Elapsed),
                        Duplicates = duplicates,
                        PsqlCopy = Min(best.PsqlCopy, copy),
                        PeakMiB = Math.Max(best.PeakMiB, peak),
                    };
                }

                return best;
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static ISnapshotSink<InteractionRow> Sink(BenchDatabase database, int snapshot) =>
        SnapshotSinks.Interactions(database.Snapshots, Dataset, snapshot, new SnapshotSinkOptions { CountDuplicates = false });

    private static async Task<(TimeSpan Elapsed, ValidationReport Report, double PeakMiB)> MaterializeAsync(IRowSink<InteractionRow> sink, string folder, int batchSize)
    {
        var source = new CsvDataSource(new CsvSourceDefinition { Path = "interactions.csv" }, new SourceEnvironment { DataRoot = folder });
        var pipeline = new SourcePipeline<InteractionRow>(
            source, ColumnMapping.Parse(null, DatasetKind.Interactions), new InteractionCoercer(), new PipelineOptions { BatchSize = batchSize });
        PeakMemory.Reset();
        var clock = Stopwatch.StartNew();
        try
        {
            var report = await pipeline.MaterializeAsync(sink, CancellationToken.None);
            clock.Stop();
            return (clock.Elapsed, report, PeakMemory.MiB());
        }
        finally
        {
            if (sink is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }
}
