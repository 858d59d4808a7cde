using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using HttmOrleans.DataChefs.Csv;

namespace HttmOrleans.DataChefs.Definitions;

/// <summary>
/// A CSV or TSV file: either a server path inside the configured data root or an uploaded
/// file. Dialect fields left null are detected from the first 64 KiB.
/// </summary>
public sealed partial record CsvSourceDefinition : SourceDefinition
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => "csv";

    /// <summary>A path on the server, relative to the data root or absolute inside it.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    /// <summary>The id the host gave an uploaded file (letters, digits, '-', '_', '.').</summary>
    [JsonPropertyName("upload_id")]
    public string? UploadId { get; init; }

    /// <summary><c>,</c> <c>;</c> <c>|</c> or a tab (also written <c>\t</c> or <c>tab</c>); null detects it.</summary>
    [JsonPropertyName("delimiter")]
    public string? Delimiter { get; init; }

    /// <summary>Whether the first row names the columns; null detects it.</summary>
    [JsonPropertyName("has_header")]
    public bool? HasHeader { get; init; }

    /// <summary>The quote character, <c>"</c> by default.</summary>
    [JsonPropertyName("quote")]
    public string? Quote { get; init; }

    /// <summary><c>utf-8</c> (default, with or without BOM), <c>utf-16</c>, <c>latin1</c> or <c>ascii</c>; a BOM wins.</summary>
    [JsonPropertyName("encoding")]
    public string? Encoding { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<SourceValidationError> Validate(SourceEnvironment environment)
    {
        var errors = new List<SourceValidationError>();
        var hasPath = !string.IsNullOrWhiteSpace(Path);
        var hasUpload = !string.IsNullOrWhiteSpace(UploadId);
        if (hasPath == hasUpload)
        {
            errors.Add(new("path", "Give exactly one of 'path' (a server file) or 'upload_id' (an uploaded file)."));
        }
        else if (hasPath)
        {
            if (DataRootGuard.TryResolveSource(environment, Path!, allowUploads: true, out var full, out var reason))
            {
                if (!File.Exists(full))
                {
                    errors.Add(new("path", $"No file '{Path}' exists inside the data root."));
                }
            }
            else
            {
                errors.Add(new("path", reason));
            }
        }
        else if (!UploadIdPattern().IsMatch(UploadId!) || UploadId is "." or "..")
        {
            errors.Add(new("upload_id", "An upload id holds only letters, digits, '-', '_' and '.'."));
        }
        else if (environment.UploadRoot is null)
        {
            errors.Add(new("upload_id", "This server has no upload folder configured."));
        }
        else if (!File.Exists(System.IO.Path.Combine(environment.UploadRoot, UploadId!)))
        {
            errors.Add(new("upload_id", $"No upload '{UploadId}' exists."));
        }

        if (Delimiter is not null && CsvDialect.ParseDelimiter(Delimiter) is null)
        {
            errors.Add(new("delimiter", "The delimiter must be one of ',', ';', '|' or a tab ('\\t')."));
        }

        if (Quote is not null && (Quote.Length != 1 || Quote[0] is '\r' or '\n'))
        {
            errors.Add(new("quote", "The quote must be a single character."));
        }

        if (Quote is not null && Delimiter is not null && Quote.Length == 1 && CsvDialect.ParseDelimiter(Delimiter) == Quote[0])
        {
            errors.Add(new("quote", "The quote and the delimiter must differ."));
        }

        if (Encoding is not null && ResolveEncoding(Encoding) is null)
        {
            errors.Add(new("encoding", "The encoding must be utf-8, utf-16, latin1 or ascii."));
        }

        return errors;
    }

    /// <inheritdoc />
    public override SourceDefinition Redacted() => this;

    /// <inheritdoc />
    public override IReadOnlyCollection<string> SecretValues() => [];

    /// <summary>The .NET encoding for an encoding name this source accepts, or null.</summary>
    public static Encoding? ResolveEncoding(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "utf-8" or "utf8" or "utf-8-bom" or "utf-8-sig" => new UTF8Encoding(false),
        "utf-16" or "utf-16le" or "unicode" => System.Text.Encoding.Unicode,
        "utf-16be" => System.Text.Encoding.BigEndianUnicode,
        "latin1" or "iso-8859-1" => System.Text.Encoding.Latin1,
        "ascii" or "us-ascii" => System.Text.Encoding.ASCII,
        _ => null,
    };

    [GeneratedRegex("^[A-Za-z0-9._-]{1,200}$")]
    private static partial Regex UploadIdPattern();
}
