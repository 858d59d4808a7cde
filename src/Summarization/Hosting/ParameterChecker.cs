using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HttmOrleans.Grains.Training;

namespace HttmOrleans.Summarization.Hosting;

/// <summary>
/// Checks a request's hyperparameters against <see cref="ParameterSpec"/>s: unknown names,
/// wrong types, values out of range or outside the choices. Cross-field rules stay with each trainer.
/// </summary>
internal static class ParameterChecker
{
    /// <summary>The resolved values (given ones, then defaults for the rest) and one error per bad field.</summary>
    public static (JsonObject Resolved, List<FieldError> Errors) Resolve(IReadOnlyList<ParameterSpec> specs, JsonObject? given)
    {
        var resolved = new JsonObject();
        var errors = new List<FieldError>();
        var known = specs.ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var (name, value) in given ?? [])
        {
            if (!known.TryGetValue(name, out var spec))
            {
                errors.Add(new FieldError(name, $"unknown parameter; known: {string.Join(", ", known.Keys)}"));
                continue;
            }
            // An explicit null means "the default", as if the field were left out.
            if (value is null)
                continue;
            var checkedValue = Check(spec, value, out var reason);
            if (reason is not null)
                errors.Add(new FieldError(name, reason));
            else
                resolved[name] = checkedValue;
        }
        foreach (var spec in specs)
        {
            if (!resolved.ContainsKey(spec.Name) && spec.Default is not null)
                resolved[spec.Name] = spec.Default.DeepClone();
        }
        return (resolved, errors);
    }

    private static JsonNode? Check(ParameterSpec spec, JsonNode value, out string? reason)
    {
        reason = null;
        var kind = value.GetValueKind();
        switch (spec.Type)
        {
            case "int":
                if (kind != JsonValueKind.Number || Number(value) is not { } d || d != Math.Floor(d))
                    return Fail("must be a whole number", out reason);
                return InRange(spec, d, out reason) ? JsonValue.Create((long)d) : null;
            case "float":
                if (kind != JsonValueKind.Number || Number(value) is not { } f)
                    return Fail("must be a number", out reason);
                return InRange(spec, f, out reason) ? JsonValue.Create(f) : null;
            case "bool":
                if (kind is not (JsonValueKind.True or JsonValueKind.False))
                    return Fail("must be true or false", out reason);
                return JsonValue.Create(kind == JsonValueKind.True);
            case "choice":
                if (kind != JsonValueKind.String || spec.Choices is null || !spec.Choices.Contains(value.GetValue<string>(), StringComparer.Ordinal))
                    return Fail($"must be one of: {string.Join(", ", spec.Choices ?? [])}", out reason);
                return JsonValue.Create(value.GetValue<string>());
            default:
                if (kind != JsonValueKind.String)
                    return Fail("must be a string", out reason);
                return JsonValue.Create(value.GetValue<string>());
        }
    }

    // The JSON text works whether the node was parsed or built in code from an int, long or double.
    private static double? Number(JsonNode value) =>
        double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;

    private static bool InRange(ParameterSpec spec, double value, out string? reason)
    {
        reason = null;
        if ((spec.Min is { } min && value < min) || (spec.Max is { } max && value > max))
        {
            reason = $"must be between {Format(spec.Min)} and {Format(spec.Max)} (got {Format(value)})";
            return false;
        }
        return true;
    }

    private static JsonNode? Fail(string message, out string? reason)
    {
        reason = message;
        return null;
    }

    private static string Format(double? value) =>
        value is null ? "any" : value.Value.ToString("G", CultureInfo.InvariantCulture);

    /// <summary>An <c>int</c> spec.</summary>
    public static ParameterSpec Int(string name, long? @default, double min, double max, string description) =>
        new(name, "int", @default is null ? null : JsonValue.Create(@default.Value), min, max, null, description);

    /// <summary>A <c>float</c> spec.</summary>
    public static ParameterSpec Float(string name, double? @default, double min, double max, string description) =>
        new(name, "float", @default is null ? null : JsonValue.Create(@default.Value), min, max, null, description);

    /// <summary>A <c>bool</c> spec.</summary>
    public static ParameterSpec Bool(string name, bool @default, string description) =>
        new(name, "bool", JsonValue.Create(@default), null, null, null, description);

    /// <summary>A <c>string</c> spec.</summary>
    public static ParameterSpec String(string name, string? @default, string description) =>
        new(name, "string", @default is null ? null : JsonValue.Create(@default), null, null, null, description);

    /// <summary>A <c>choice</c> spec.</summary>
    public static ParameterSpec Choice(string name, string @default, IReadOnlyList<string> choices, string description) =>
        new(name, "choice", JsonValue.Create(@default), null, null, choices, description);
}
