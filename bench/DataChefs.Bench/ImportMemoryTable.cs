using System.Globalization;

namespace HttmOrleans.DataChefs.Bench;

/// <summary>The <c>--import-memory</c> table: every size on every store, side by side.</summary>
internal static class ImportMemoryTable
{
    public static async Task PrintAsync(BenchOptions options)
    {
        var stores = string.IsNullOrWhiteSpace(options.PostgresAdmin) ? new[] { "sqlite" } : ["sqlite", "postgres"];
        Console.WriteLine("import: POST /api/v1/datasets/{id}/import?format=csv over HTTP into a node in this process; the CSV streamed from a file");
        Console.WriteLine();
        Console.WriteLine("| store | rows | CSV MiB | import s | rows/s | peak RSS growth MiB | RSS growth after MiB | peak managed heap growth MiB | managed heap after GC growth MiB |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var store in stores)
        {
            foreach (var rows in options.Rows)
            {
                var r = await ImportMemoryRunner.RunAsync(store, rows, options);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Store} | {r.Rows:N0} | {r.CsvMiB:0} | {r.Elapsed.TotalSeconds:0.0} | {r.RowsPerSecond:N0} | {r.PeakRssGrowthMiB:0} | {r.RssAfterGrowthMiB:0} | {r.PeakHeapGrowthMiB:0} | {r.SettledHeapGrowthMiB:0} |"));
            }
        }
    }
}
