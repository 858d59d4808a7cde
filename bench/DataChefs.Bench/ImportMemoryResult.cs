namespace HttmOrleans.DataChefs.Bench;

/// <summary>
/// One import over HTTP into a node in this process: how long it took and what memory it needed. Peak heap is the
/// largest managed heap left after any garbage collection during the import (sampled every 10 ms); settled heap is
/// what stays after the import and a full, compacting collection; both are growth over the heap before.
/// </summary>
internal sealed record ImportMemoryResult(
    string Store, long Rows, double CsvMiB, TimeSpan Elapsed, double PeakRssGrowthMiB, double RssAfterGrowthMiB, double PeakHeapGrowthMiB, double SettledHeapGrowthMiB)
{
    public double RowsPerSecond => Rows / Elapsed.TotalSeconds;
}
