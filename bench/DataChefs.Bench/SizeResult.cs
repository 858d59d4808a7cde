namespace HttmOrleans.DataChefs.Bench;

/// <summary>One size's measurements.</summary>
internal sealed record SizeResult(
    long Rows, double CsvMiB, TimeSpan ParseOnly, TimeSpan Materialize, TimeSpan Unindexed, TimeSpan Btree, TimeSpan DuplicateCount, long Duplicates, TimeSpan PsqlCopy, double PeakMiB)
{
    public double SinkRowsPerSecond => Rows / Materialize.TotalSeconds;

    public double CopyRowsPerSecond => Rows / PsqlCopy.TotalSeconds;

    public double Ratio => SinkRowsPerSecond / CopyRowsPerSecond;

    public double PerSecond(TimeSpan elapsed) => Rows / elapsed.TotalSeconds;
}
