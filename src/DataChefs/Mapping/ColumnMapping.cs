using HttmOrleans.DataChefs.Definitions;

namespace HttmOrleans.DataChefs.Mapping;

/// <summary>
/// Which source field feeds each target column. Written <c>userId-&gt;user_id,productId-&gt;item_id</c>
/// or <c>userId:user_id</c> (the seed's two syntaxes, mixable, comma or newline separated).
/// A target column left unmapped is read from the source field of the same name.
/// </summary>
public sealed class ColumnMapping
{
    private readonly string[] _sources;
    private readonly bool[] _explicit;

    private ColumnMapping(DatasetKind kind, string[] sources, bool[] isExplicit)
    {
        Kind = kind;
        _sources = sources;
        _explicit = isExplicit;
    }

    /// <summary>The dataset kind whose columns are the targets.</summary>
    public DatasetKind Kind { get; }

    /// <summary>The source field read for target column <paramref name="targetIndex"/>.</summary>
    public string SourceFor(int targetIndex) => _sources[targetIndex];

    /// <summary>Whether the user named the source of this target (then its absence is an error, not a default).</summary>
    public bool IsExplicit(int targetIndex) => _explicit[targetIndex];

    /// <summary>The identity mapping: every target read from the same-named field.</summary>
    public static ColumnMapping Identity(DatasetKind kind) =>
        new(kind, [.. kind.Columns.Select(c => c.Name)], new bool[kind.Columns.Count]);

    /// <summary>Parses a mapping or throws <see cref="SourceValidationException"/> listing every problem.</summary>
    public static ColumnMapping Parse(string? text, DatasetKind kind)
    {
        var errors = TryParse(text, kind, out var mapping);
        return errors.Count == 0 ? mapping : throw new SourceValidationException(errors);
    }

    /// <summary>Parses a mapping; returns the problems (field <c>mapping</c>), empty on success.</summary>
    public static IReadOnlyList<SourceValidationError> TryParse(string? text, DatasetKind kind, out ColumnMapping mapping)
    {
        mapping = Identity(kind);
        var errors = new List<SourceValidationError>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return errors;
        }

        var sources = mapping._sources.ToArray();
        var isExplicit = new bool[sources.Length];
        var entries = text.Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var entry in entries)
        {
            var arrow = entry.IndexOf("->", StringComparison.Ordinal);
            var (separatorAt, separatorLength) = arrow >= 0 ? (arrow, 2) : (entry.LastIndexOf(':'), 1);
            if (separatorAt < 0)
            {
                errors.Add(new("mapping", $"'{entry}' is not 'source->target' or 'source:target'."));
                continue;
            }

            var source = entry[..separatorAt].Trim();
            var target = entry[(separatorAt + separatorLength)..].Trim();
            if (source.Length == 0 || target.Length == 0)
            {
                errors.Add(new("mapping", $"'{entry}' has an empty column name."));
                continue;
            }

            var index = kind.IndexOf(target);
            if (index < 0)
            {
                var known = string.Join(", ", kind.Columns.Select(c => c.Name));
                errors.Add(new("mapping", $"'{target}' is not a column of {kind.Name} datasets (known: {known})."));
                continue;
            }

            if (isExplicit[index])
            {
                errors.Add(new("mapping", $"'{target}' is mapped more than once."));
                continue;
            }

            sources[index] = source;
            isExplicit[index] = true;
        }

        if (errors.Count == 0)
        {
            mapping = new ColumnMapping(kind, sources, isExplicit);
        }

        return errors;
    }

    /// <summary>The mapping in arrow syntax, explicit entries only.</summary>
    public override string ToString() => string.Join(',',
        Enumerable.Range(0, _sources.Length).Where(i => _explicit[i]).Select(i => $"{_sources[i]}->{Kind.Columns[i].Name}"));
}
