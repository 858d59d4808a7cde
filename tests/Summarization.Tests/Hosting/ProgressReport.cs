namespace HttmOrleans.Summarization.Tests.Hosting;

internal sealed record ProgressReport(double Percent, string Message, IReadOnlyDictionary<string, double> Figures);
