namespace HttmOrleans.DataChefs.Pipeline;

/// <summary>The first rows of a source, mapped and coerced, with the schema they imply.</summary>
/// <typeparam name="TRow">The dataset kind's row type.</typeparam>
public sealed record SourcePreview<TRow>
{
    /// <summary>The source's columns in order, with inferred types.</summary>
    public IReadOnlyList<DetectedColumn> Columns { get; init; } = [];

    /// <summary>Rows that coerced.</summary>
    public IReadOnlyList<TRow> Rows { get; init; } = [];

    /// <summary>The report over the previewed records only.</summary>
    public ValidationReport Report { get; init; } = new();
}
