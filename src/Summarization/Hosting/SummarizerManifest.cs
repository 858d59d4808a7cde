using System.Text.Json;
using System.Text.Json.Serialization;

namespace HttmOrleans.Summarization.Hosting;

/// <summary>
/// <c>summarizer.json</c>, written into every artifact by the summarization trainers: which
/// algorithm made it and, for lead-k, its whole configuration. The loader reads it back.
/// </summary>
public sealed record SummarizerManifest
{
    /// <summary>The file name inside an artifact directory.</summary>
    public const string FileName = "summarizer.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary><c>seq2seq</c> or <c>lead-k</c>.</summary>
    public required string Algorithm { get; init; }

    /// <summary>lead-k: sentences taken.</summary>
    public int? K { get; init; }

    /// <summary>seq2seq: <c>compact</c> or <c>hf</c>.</summary>
    public string? Backbone { get; init; }

    /// <summary>seq2seq: the optimizer steps behind the weights (base version's steps not included).</summary>
    public int? Steps { get; init; }

    /// <summary>Writes the manifest into <paramref name="directory"/>.</summary>
    public async Task WriteAsync(string directory, CancellationToken cancellationToken = default) =>
        await File.WriteAllTextAsync(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Json), cancellationToken);

    /// <summary>Reads the manifest of <paramref name="directory"/>, or null when it has none.</summary>
    public static async Task<SummarizerManifest?> ReadAsync(string directory, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            return null;
        return JsonSerializer.Deserialize<SummarizerManifest>(await File.ReadAllTextAsync(path, cancellationToken), Json);
    }
}
