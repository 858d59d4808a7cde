using System.Globalization;
using HttmOrleans.Grains.Datasets;

namespace HttmOrleans.DataChefs.Features;

/// <summary>
/// Turns the cells of a wide table (<c>user_id,age,gender,genres</c>, the id column mapped to <c>entity_id</c>) into
/// the long rows of a <see cref="DatasetKinds.Features"/> dataset: a categorical cell <c>gender=F</c> with value 1, one
/// feature per value of a multi-valued cell (<c>genres=Comedy</c>, <c>genres=Drama</c>), a numeric cell <c>age</c> with the
/// number as value or, with buckets, the bucket <c>age=[25,35)</c> with value 1. A column's type is given or inferred:
/// numeric when every non-empty value <see cref="Observe">observed</see> parses as a number. A column never observed is
/// judged by each value. Shared by dataset imports and data chefs so both name features alike.
/// </summary>
public sealed class WideFeatureConverter(FeatureConversion conversion)
{
    /// <summary>The id column of a features table (a wide table maps its id column onto it).</summary>
    public const string EntityColumn = "entity_id";

    /// <summary>The feature column of a long table; a table with one is read as long rows.</summary>
    public const string FeatureColumn = "feature";

    /// <summary>The value column of a long table (default 1).</summary>
    public const string ValueColumn = "value";

    private const int MaxEcho = 100;

    // Per inferred column: true while every non-empty value seen parsed as a number.
    private readonly Dictionary<string, bool> _numeric = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The types, buckets and separator in use.</summary>
    public FeatureConversion Conversion { get; } = conversion;

    /// <summary>Learns a column's type from one value (only columns whose type is not given).</summary>
    public void Observe(string column, string? value)
    {
        if (Conversion.KindOf(column) != FeatureColumnKind.Inferred || string.IsNullOrWhiteSpace(value)) return;
        var isNumber = TryNumber(value.Trim(), out _);
        _numeric[column] = _numeric.TryGetValue(column, out var sofar) ? sofar && isNumber : isNumber;
    }

    /// <summary>The type <paramref name="column"/> is converted as; a column never observed is judged by <paramref name="value"/>.</summary>
    public FeatureColumnKind Resolve(string column, string? value = null)
    {
        var kind = Conversion.KindOf(column);
        if (kind != FeatureColumnKind.Inferred) return kind;
        if (_numeric.TryGetValue(column, out var numeric)) return numeric ? FeatureColumnKind.Numeric : FeatureColumnKind.Categorical;
        return value is not null && TryNumber(value.Trim(), out _) ? FeatureColumnKind.Numeric : FeatureColumnKind.Categorical;
    }

    /// <summary>The resolved type of each column, as reported back (<c>numeric</c>, <c>bucketed</c>, <c>categorical</c>, <c>ignored</c>).</summary>
    public IReadOnlyDictionary<string, string> Describe(IEnumerable<string> columns)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            var kind = Resolve(column);
            types[column] = kind == FeatureColumnKind.Numeric && Conversion.Buckets.ContainsKey(column) ? "bucketed" : kind.ToString().ToLowerInvariant();
        }

        return types;
    }

    /// <summary>Reads the entity id of a row: required, trimmed, no NUL.</summary>
    public static bool TryEntity(string? value, out string entity, out string? error)
    {
        entity = value?.Trim() ?? "";
        error = entity.Length == 0 ? "entity_id is required" : HasNul(EntityColumn, entity);
        return error is null;
    }

    /// <summary>Adds the features of one cell of <paramref name="entity"/>'s row; an empty cell adds none.</summary>
    public bool TryAddCell(string entity, string column, string? value, ICollection<FeatureSample> into, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(value)) return true;
        var text = value.Trim();
        if (HasNul(column, text) is { } nul)
        {
            error = nul;
            return false;
        }

        switch (Resolve(column, text))
        {
            case FeatureColumnKind.Ignored:
                return true;
            case FeatureColumnKind.Numeric:
                if (!TryNumber(text, out var number))
                {
                    error = $"{column} '{Cut(text)}' is not a number";
                    return false;
                }

                into.Add(Conversion.Buckets.TryGetValue(column, out var bounds)
                    ? new FeatureSample(entity, Bucket(column, number, bounds), 1f)
                    : new FeatureSample(entity, column, (float)number));
                return true;
            default:
                foreach (var part in Conversion.Separator is { } separator ? text.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [text])
                    into.Add(new FeatureSample(entity, column + "=" + part, 1f));
                return true;
        }
    }

    /// <summary>One long row: entity and feature required, value a finite number defaulting to 1.</summary>
    public static bool TryLongRow(string? entityId, string? feature, string? value, out FeatureSample sample, out string? error)
    {
        sample = default;
        if (!TryEntity(entityId, out var entity, out error)) return false;
        var name = feature?.Trim() ?? "";
        error = name.Length == 0 ? "feature is required" : HasNul(FeatureColumn, name);
        if (error is not null) return false;
        var weight = 1.0;
        if (!string.IsNullOrWhiteSpace(value) && !TryNumber(value.Trim(), out weight))
        {
            error = $"value '{Cut(value.Trim())}' is not a number";
            return false;
        }

        sample = new FeatureSample(entity, name, (float)weight);
        return true;
    }

    private static string Bucket(string column, double number, double[] bounds)
    {
        var above = 0;
        while (above < bounds.Length && number >= bounds[above]) above++;
        return FeatureNames.Bucket(column, above == 0 ? null : bounds[above - 1], above == bounds.Length ? null : bounds[above]);
    }

    private static bool TryNumber(string text, out double number) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number) && float.IsFinite((float)number);

    // PostgreSQL cannot store a NUL in text (SQLite would): the same row must be refused on both.
    private static string? HasNul(string column, string value) =>
        value.Contains('\0', StringComparison.Ordinal) ? $"{column} contains a NUL character (U+0000)" : null;

    private static string Cut(string value) => value.Length > MaxEcho ? value[..MaxEcho] + "…" : value;
}
