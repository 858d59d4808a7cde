using System.Runtime.InteropServices;
using HttmOrleans.DataChefs.Bench;

var options = BenchOptions.Parse(args);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");
if (options.ImportMemory)
{
    await ImportMemoryTable.PrintAsync(options);
    return;
}

Console.WriteLine($"pipeline batch: {options.BatchSize} rows; sink: binary COPY into snapshot_interactions (BRIN-indexed, as migrated); baseline: psql \\copy into an unindexed plain table");
Console.WriteLine();
Console.WriteLine("| rows | CSV MiB | pipeline only rows/s | materialize s | rows/s | peak MiB | dup count s (dups) | unindexed rows/s | former btree rows/s | psql \\copy s | \\copy rows/s | ratio |");
Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
var results = new List<SizeResult>();
foreach (var rows in options.Rows)
{
    var r = await SizeRunner.RunAsync(rows, options);
    results.Add(r);
    Console.WriteLine(
        $"| {rows:N0} | {SizeRunner.Format(r.CsvMiB, "0")} | {SizeRunner.Format(r.PerSecond(r.ParseOnly), "N0")} | {SizeRunner.Format(r.Materialize.TotalSeconds, "0.00")} " +
        $"| {SizeRunner.Format(r.SinkRowsPerSecond, "N0")} | {SizeRunner.Format(r.PeakMiB, "0")} | {SizeRunner.Format(r.DuplicateCount.TotalSeconds, "0.00")} ({r.Duplicates:N0}) " +
        $"| {SizeRunner.Format(r.PerSecond(r.Unindexed), "N0")} | {SizeRunner.Format(r.PerSecond(r.Btree), "N0")} | {SizeRunner.Format(r.PsqlCopy.TotalSeconds, "0.00")} " +
        $"| {SizeRunner.Format(r.CopyRowsPerSecond, "N0")} | {SizeRunner.Format(r.Ratio * 100, "0")} % |");
}

Console.WriteLine();
var worst = results.Min(r => r.Ratio);
Console.WriteLine(worst >= 0.5
    ? $"target met: the materialization reaches at least 50 % of \\copy's rows/s at every size (worst {SizeRunner.Format(worst * 100, "0")} %)"
    : $"TARGET MISSED: worst ratio {SizeRunner.Format(worst * 100, "0")} % of \\copy's rows/s (target 50 %)");
