using System.Text.Json;

namespace HttmOrleans.Recommend.Hyperparameters;

/// <summary>The documented hyperparameters of one algorithm, and their validation.</summary>
public sealed class HyperparameterSchema
{
    private readonly Dictionary<string, HyperparameterSpec> _byName = new(StringComparer.Ordinal);

    /// <summary>Creates a schema; names and aliases must be distinct.</summary>
    public HyperparameterSchema(IReadOnlyList<HyperparameterSpec> parameters)
    {
        Parameters = parameters;
        foreach (var spec in parameters)
        {
            _byName.Add(spec.Name, spec);
            foreach (var alias in spec.Aliases)
            {
                _byName.Add(alias, spec);
            }
        }
    }

    /// <summary>Parameters in documentation order.</summary>
    public IReadOnlyList<HyperparameterSpec> Parameters { get; }

    /// <summary>Every parameter at its default.</summary>
    public ResolvedHyperparameters Defaults => Resolve((IReadOnlyDictionary<string, JsonElement>?)null).Values!;

    /// <summary>
    /// Validates caller-supplied JSON values: unknown names, wrong types, out-of-range numbers and a parameter given
    /// twice (under its name and an alias) are errors; missing ones take their defaults.
    /// </summary>
    public HyperparameterResolution Resolve(IReadOnlyDictionary<string, JsonElement>? given)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var errors = new List<HyperparameterError>();
        var givenAs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, element) in given ?? new Dictionary<string, JsonElement>())
        {
            if (!_byName.TryGetValue(field, out var spec))
            {
                var known = string.Join(", ", Parameters.Select(p => p.Name));
                errors.Add(new HyperparameterError(field, known.Length == 0
                    ? "This algorithm takes no hyperparameters."
                    : $"Unknown hyperparameter. Known: {known}."));
                continue;
            }

            if (givenAs.TryGetValue(spec.Name, out var earlier))
            {
                errors.Add(new HyperparameterError(field, $"Given twice: '{earlier}' and '{field}' both set '{spec.Name}'."));
                continue;
            }

            givenAs[spec.Name] = field;
            if (TryConvert(spec, element, out var value))
            {
                values[spec.Name] = value;
            }
            else
            {
                errors.Add(new HyperparameterError(field, $"Must be {spec.DescribeRange()}; got {Describe(element)}."));
            }
        }

        if (errors.Count > 0)
        {
            return new HyperparameterResolution(null, errors);
        }

        foreach (var spec in Parameters)
        {
            values.TryAdd(spec.Name, spec.Default);
        }

        return new HyperparameterResolution(new ResolvedHyperparameters(values), []);
    }

    /// <summary>Convenience for code and tests: plain .NET values (int, double, bool, string) instead of JSON.</summary>
    public HyperparameterResolution Resolve(IReadOnlyDictionary<string, object>? given) =>
        Resolve(given?.ToDictionary(kv => kv.Key, kv => JsonSerializer.SerializeToElement(kv.Value)));

    /// <summary>Resolves or throws <see cref="ArgumentException"/> listing every error.</summary>
    public ResolvedHyperparameters ResolveOrThrow(IReadOnlyDictionary<string, object>? given)
    {
        var resolution = Resolve(given);
        return resolution.Values ?? throw new ArgumentException(
            string.Join(" ", resolution.Errors.Select(e => $"{e.Field}: {e.Reason}")), nameof(given));
    }

    private static bool TryConvert(HyperparameterSpec spec, JsonElement element, out object value)
    {
        value = spec.Default;
        switch (spec.Kind)
        {
            case HyperparameterKind.Int when element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var i):
                value = i;
                return i >= spec.Min && i <= spec.Max;
            case HyperparameterKind.Float when element.ValueKind == JsonValueKind.Number:
                var d = element.GetDouble();
                value = d;
                return double.IsFinite(d) && d >= spec.Min && d <= spec.Max;
            case HyperparameterKind.Bool when element.ValueKind is JsonValueKind.True or JsonValueKind.False:
                value = element.GetBoolean();
                return true;
            case HyperparameterKind.Choice when element.ValueKind == JsonValueKind.String:
                var s = element.GetString()!;
                value = s;
                return spec.Choices.Contains(s, StringComparer.Ordinal);
            default:
                return false;
        }
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"\"{element.GetString()}\"",
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => element.ValueKind.ToString().ToLowerInvariant(),
    };
}
