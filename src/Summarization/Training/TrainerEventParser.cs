using System.Text.Json;
using HttmOrleans.Summarization.Training.Events;

namespace HttmOrleans.Summarization.Training;

/// <summary>Parses protocol lines. A line that is not a JSON object yields null and is treated as log output.</summary>
internal static class TrainerEventParser
{
    /// <summary>Parses one line; <paramref name="errorMessage"/> is set for an <c>error</c> line.</summary>
    public static TrainerEvent? Parse(string line, out string? errorMessage)
    {
        errorMessage = null;
        if (string.IsNullOrWhiteSpace(line) || line.TrimStart()[0] != '{')
            return null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type))
                return null;
            switch (type.GetString())
            {
                case "hello":
                    return new TrainerHello(Str(root, "interpreter"), Str(root, "python"), Str(root, "torch"),
                        root.TryGetProperty("cuda", out var cuda) && cuda.ValueKind == JsonValueKind.True, Int(root, "pid"), Str(root, "blas"));
                case "setup":
                    return new TrainerSetup(Str(root, "backbone"), Str(root, "device"), Int(root, "resumed_from_step"),
                        (long)(Num(root, "parameters") ?? 0), Int(root, "train_samples"), Int(root, "validation_samples"));
                case "progress":
                    return new TrainerProgress(Int(root, "step"), Int(root, "total_steps"), Num(root, "loss"),
                        Num(root, "tokens_per_s") ?? 0, Num(root, "eta_s") ?? 0, Num(root, "lr"));
                case "metric":
                    return new TrainerMetric(Int(root, "step"), Metrics(root));
                case "checkpoint":
                    return new TrainerCheckpoint(Int(root, "step"), Str(root, "path"));
                case "artifact":
                    return new TrainerArtifact(Str(root, "path"));
                case "stopped":
                    return new TrainerStopped(Int(root, "step"), Str(root, "checkpoint"));
                case "done":
                    return new TrainerDone(Int(root, "step"), Metrics(root), Num(root, "train_seconds") ?? 0);
                case "error":
                    errorMessage = Str(root, "message");
                    return null;
                default:
                    return null;
            }
        }
    }

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static double? Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static int Int(JsonElement e, string name) => (int)(Num(e, name) ?? 0);

    private static Dictionary<string, double> Metrics(JsonElement e)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (e.TryGetProperty("metrics", out var metrics) && metrics.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in metrics.EnumerateObject())
            {
                // A diverged (NaN) value arrives as null; it is reported as NaN rather than dropped.
                result[p.Name] = p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : double.NaN;
            }
        }
        return result;
    }
}
