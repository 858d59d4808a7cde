using System.Globalization;
using System.Text;

namespace HttmOrleans.Runtime.Bench;

/// <summary>Markdown rendering of the benchmark results.</summary>
internal static class ReportTable
{
    private const string Header =
        "| store | case | callers | keys | turns/s | ÷ pgbench tps | p50 ms | p99 ms | errors | bench CPU µs/turn | machine busy | note |\n" +
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |";

    public static string Render(IEnumerable<ResultRow> rows)
    {
        var text = new StringBuilder(Header);
        foreach (var row in rows) text.Append('\n').Append(Row(row));
        return text.ToString();
    }

    public static string Row(ResultRow r) => string.Create(CultureInfo.InvariantCulture,
        $"| {r.Store} | {r.Case} | {r.Callers} | {r.Keys} | {r.Result.PerSecond:N0} | {Ratio(r.VsPgbench)} | {Number(r.Result.P50Ms)} | {Number(r.Result.P99Ms)} | {r.Result.Errors} | {Micros(r.Result.ClientCpuUsPerTurn)} | {Percent(r.Result.MachineBusyPercent)} | {r.Note} |");

    private static string Ratio(double? ratio) => ratio is { } value ? value.ToString("P0", CultureInfo.InvariantCulture) : "–";
    private static string Number(double value) => double.IsNaN(value) ? "–" : value.ToString("F2", CultureInfo.InvariantCulture);
    private static string Micros(double value) => double.IsNaN(value) ? "–" : value.ToString("F0", CultureInfo.InvariantCulture);
    private static string Percent(double value) => double.IsNaN(value) ? "–" : value.ToString("F0", CultureInfo.InvariantCulture) + " %";
}
