using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using HttmOrleans.DataChefs;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Features;
using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.Grains;
using HttmOrleans.Grains.DataChefs;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// Source JSON ↔ the library's <see cref="SourceDefinition"/>: parsing with every refusal named in the
/// request's terms, validation with <see cref="DataSourceFactory.Validate"/>, and the stored form.
/// </summary>
internal static class DataChefDefinitions
{
    /// <summary>Source kinds a request may name; the last three answer 501 in this build.</summary>
    public static readonly string[] Kinds = ["csv", "sql", "rest", "rabbitmq", "kafka", "mongodb", "mysql"];

    private static readonly JsonSerializerOptions StoreJson = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Parses a draft's source; a wrong kind or a wrongly typed field is a 422 naming it.</summary>
    public static SourceDefinition Parse(JsonObject source, DataChefDraft draft)
    {
        var kind = source["kind"] is JsonValue k && k.TryGetValue<string>(out var s) ? s.Trim().ToLowerInvariant() : null;
        if (kind is null || !Kinds.Contains(kind))
            throw Refused(draft, [new("kind", $"Name the source kind: {string.Join(", ", Kinds[..4])} ({string.Join(", ", Kinds[4..])} are recognised but not in this build).")]);
        source["kind"] = kind;
        try
        {
            return MaterializeJobHandler.Definition(kind, source);
        }
        catch (JsonException e)
        {
            // The path names the field ("$.size_value"); the message would echo values, secrets included, so it stays out.
            var field = e.Path is { Length: > 2 } path ? path[2..].Split('.', '[')[0] : "source";
            throw Refused(draft, [new(field, "Has the wrong type for this source kind.")]);
        }
    }

    /// <summary>
    /// Validates the definition with its mapping for the dataset kind. Throws a 422 listing every field,
    /// or <see cref="SourceNotAvailableException"/> (501) for kinds whose client library is missing.
    /// </summary>
    public static void Validate(SourceDefinition definition, DataChefDraft draft, string? mapping, DatasetKind kind, SourceEnvironment environment)
    {
        var errors = DataSourceFactory.Validate(definition, mapping, kind, environment).ToList();
        if (kind == DatasetKind.Features)
        {
            errors.AddRange(FeatureConversion.TryParse(draft.Features?.Types, draft.Features?.Buckets, draft.Features?.Separator, out _)
                .Select(e => e with { Field = "features." + e.Field }));
        }

        if (errors.Count > 0) throw Refused(draft, errors);
    }

    /// <summary>A 422 whose fields are named as the request spelled them.</summary>
    public static SourceValidationException Refused(DataChefDraft draft, IEnumerable<SourceValidationError> errors) =>
        new([.. errors.Select(e => e with { Field = draft.FieldOf(e.Field) })]);

    /// <summary>The dataset kind a draft asks for (interactions by default).</summary>
    public static DatasetKind DatasetKindOf(string? name, string field = "kind") =>
        name is null ? DatasetKind.Interactions
        : DatasetKind.TryParse(name, out var kind) ? kind
        : throw new ValidationException(field, "Must be interactions, text-pairs or features.");

    /// <summary>The stored form: the library's JSON with <c>kind</c> first, secrets included.</summary>
    public static JsonObject ToJson(SourceDefinition definition) =>
        JsonSerializer.SerializeToNode(definition, StoreJson)!.AsObject();

    /// <summary>A stored chef's source in the library's JSON (older CSV chefs stored <c>file_path</c> and no kind).</summary>
    public static JsonObject Canonical(DataChefInfo chef) => ToJson(MaterializeJobHandler.Definition(chef.SourceType, chef.Source));

    /// <summary>The chef's <c>source_type</c> in the seed's words.</summary>
    public static string SourceType(string kind) => kind switch
    {
        "rest" => "api",
        "rabbitmq" => "message_queue",
        var other => other,
    };
}
