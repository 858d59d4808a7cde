using System.Globalization;
using HttmOrleans.DataChefs.Definitions;

namespace HttmOrleans.DataChefs.Features;

/// <summary>
/// How a wide table's columns become feature rows: types given per column (the rest inferred), bucket bounds for
/// numeric columns, and the separator of multi-valued categorical columns. Written as text the same way in an
/// import's query and a data chef's body: <c>types=zip:categorical,age:numeric,name:ignore</c>,
/// <c>buckets=age:18,25,35,50;income:1000,5000</c>, <c>separator=|</c> (<c>none</c> turns splitting off).
/// </summary>
public sealed record FeatureConversion
{
    /// <summary>The default separator of multi-valued columns (<c>Comedy|Drama</c>).</summary>
    public const string DefaultSeparator = "|";

    /// <summary>Types given per column (case-insensitive names); a column not listed is inferred.</summary>
    public IReadOnlyDictionary<string, FeatureColumnKind> Types { get; init; } = new Dictionary<string, FeatureColumnKind>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Ascending bucket bounds per numeric column: bounds b1 &lt; … &lt; bn give n + 1 buckets, the outer two open.</summary>
    public IReadOnlyDictionary<string, double[]> Buckets { get; init; } = new Dictionary<string, double[]>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Splits categorical values into several features; null keeps each value whole.</summary>
    public string? Separator { get; init; } = DefaultSeparator;

    /// <summary>Defaults: every column inferred, no buckets, <c>|</c> separates values.</summary>
    public static FeatureConversion Default { get; } = new();

    /// <summary>Parses the three texts; the problems name the field (<c>types</c>, <c>buckets</c>, <c>separator</c>).</summary>
    public static IReadOnlyList<SourceValidationError> TryParse(string? types, string? buckets, string? separator, out FeatureConversion conversion)
    {
        var errors = new List<SourceValidationError>();
        var typeMap = new Dictionary<string, FeatureColumnKind>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in Entries(types, ','))
        {
            var colon = entry.LastIndexOf(':');
            var column = colon > 0 ? entry[..colon].Trim() : "";
            var kind = colon > 0 ? entry[(colon + 1)..].Trim().ToLowerInvariant() : "";
            FeatureColumnKind? parsed = kind switch
            {
                "numeric" or "number" => FeatureColumnKind.Numeric,
                "categorical" or "category" => FeatureColumnKind.Categorical,
                "ignore" or "ignored" => FeatureColumnKind.Ignored,
                _ => null,
            };
            if (column.Length == 0 || parsed is null) errors.Add(new("types", $"'{entry}' is not 'column:numeric', 'column:categorical' or 'column:ignore'."));
            else typeMap[column] = parsed.Value;
        }

        var bucketMap = new Dictionary<string, double[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in Entries(buckets, ';'))
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            var column = colon > 0 ? entry[..colon].Trim() : "";
            var bounds = new List<double>();
            var readable = column.Length > 0;
            foreach (var bound in colon > 0 ? entry[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [])
            {
                if (double.TryParse(bound, NumberStyles.Float, CultureInfo.InvariantCulture, out var b) && double.IsFinite(b) && (bounds.Count == 0 || b > bounds[^1])) bounds.Add(b);
                else readable = false;
            }

            if (!readable || bounds.Count == 0) errors.Add(new("buckets", $"'{entry}' is not 'column:b1,b2,…' with ascending numbers."));
            else if (typeMap.GetValueOrDefault(column) is FeatureColumnKind.Categorical or FeatureColumnKind.Ignored)
                errors.Add(new("buckets", $"'{column}' has buckets but is typed {typeMap[column].ToString().ToLowerInvariant()}."));
            else bucketMap[column] = [.. bounds];
        }

        var split = separator switch
        {
            null or "" => DefaultSeparator,
            "none" => null,
            _ => separator,
        };
        conversion = new FeatureConversion { Types = typeMap, Buckets = bucketMap, Separator = split };
        return errors;
    }

    /// <summary>Parses the three texts or throws <see cref="SourceValidationException"/> listing every problem.</summary>
    public static FeatureConversion Parse(string? types, string? buckets, string? separator)
    {
        var errors = TryParse(types, buckets, separator, out var conversion);
        return errors.Count == 0 ? conversion : throw new SourceValidationException(errors);
    }

    /// <summary>The kind given for <paramref name="column"/>: numeric when it has buckets, else as typed, else inferred.</summary>
    public FeatureColumnKind KindOf(string column) =>
        Types.TryGetValue(column, out var kind) ? kind : Buckets.ContainsKey(column) ? FeatureColumnKind.Numeric : FeatureColumnKind.Inferred;

    private static IEnumerable<string> Entries(string? text, char separator) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split([separator, '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
