using System.Text.Json.Nodes;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// A data-chef definition as a request gave it, before validation: the source in the library's
/// JSON shape (<c>kind</c> + its fields) and how to name each library field back in the
/// request's own terms, so a 422 points at what the client actually sent.
/// </summary>
internal sealed record DataChefDraft
{
    /// <summary>The chef id, if the request chose one.</summary>
    public string? Id { get; init; }

    /// <summary>The request field that carried the id (<c>id</c> or the seed's <c>data_chef_id</c>).</summary>
    public string IdField { get; init; } = "id";

    public string? Name { get; init; }

    /// <summary>The dataset kind (<c>interactions</c>, <c>text-pairs</c>); null when not given.</summary>
    public string? DatasetKind { get; init; }

    public string? DatasetId { get; init; }

    public string? Mapping { get; init; }

    /// <summary>For a features dataset: <c>features: {types, buckets, separator}</c>; null when not given.</summary>
    public Grains.DataChefs.FeatureOptions? Features { get; init; }

    /// <summary>True when the request carried a mapping property at all (null included), so an update replaces it.</summary>
    public bool MappingGiven { get; init; }

    /// <summary>The source in the library's shape; null when the request left it out (updates keep the stored one).</summary>
    public JsonObject? Source { get; init; }

    /// <summary>Library field name → request field name, for fields the request spelled differently.</summary>
    public IReadOnlyDictionary<string, string> FieldNames { get; init; } = new Dictionary<string, string>();

    /// <summary>Prefix for library fields not in <see cref="FieldNames"/>: <c>source.</c> for nested sources, empty for flat seed bodies.</summary>
    public string FieldPrefix { get; init; } = "";

    /// <summary>The request's name for a library field (<c>mapping</c> is an envelope field, never prefixed).</summary>
    public string FieldOf(string libraryField) =>
        FieldNames.TryGetValue(libraryField, out var name) ? name
        : libraryField == "mapping" ? "mapping"
        : FieldPrefix + libraryField;
}
