using System.Text.Json;
using System.Text.Json.Serialization;

namespace HttmOrleans.DataChefs.Definitions;

/// <summary>
/// A source kind users may ask for whose client library this build lacks. It deserializes
/// (so the API can answer 501 rather than 400), but creating a source from it throws
/// <see cref="SourceNotAvailableException"/>.
/// </summary>
public abstract record UnavailableSourceDefinition : SourceDefinition
{
    /// <summary>The client library a build would need for this kind.</summary>
    [JsonIgnore]
    public abstract string ClientLibrary { get; }

    /// <summary>Whatever options the request carried; kept out of API answers since they may hold secrets.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Options { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<SourceValidationError> Validate(SourceEnvironment environment) => [];

    /// <inheritdoc />
    public override SourceDefinition Redacted() => this with { Options = null };

    /// <inheritdoc />
    public override IReadOnlyCollection<string> SecretValues() =>
        [.. (Options ?? []).Values.Select(v => v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() ?? "" : v.GetRawText())];

    /// <summary>The exception the API maps to 501.</summary>
    public SourceNotAvailableException NotAvailable() => new(Kind, ClientLibrary);
}
