namespace HttmOrleans.DataChefs.Mapping;

/// <summary>
/// A dataset kind and its schema: <c>interactions</c> (user_id, item_id, rating defaulting
/// to 1.0, optional timestamp), <c>text-pairs</c> (document, summary) or <c>features</c>.
/// </summary>
public sealed class DatasetKind
{
    private DatasetKind(string name, IReadOnlyList<DatasetColumn> columns)
    {
        Name = name;
        Columns = columns;
    }

    /// <summary>Recommendation interactions.</summary>
    public static DatasetKind Interactions { get; } = new("interactions",
    [
        new("user_id", DatasetColumnType.Text, true),
        new("item_id", DatasetColumnType.Text, true),
        new("rating", DatasetColumnType.Float, false, "1.0"),
        new("timestamp", DatasetColumnType.Timestamp, false, "none"),
    ]);

    /// <summary>Document and summary pairs for seq2seq training.</summary>
    public static DatasetKind TextPairs { get; } = new("text-pairs",
    [
        new("document", DatasetColumnType.Text, true),
        new("summary", DatasetColumnType.Text, true),
    ]);

    /// <summary>
    /// Features of users or items: long rows (entity_id, feature, value defaulting to 1) or a wide table whose id
    /// field is mapped to entity_id and whose other fields become features (see <see cref="Features.WideFeatureConverter"/>).
    /// </summary>
    public static DatasetKind Features { get; } = new("features",
    [
        new("entity_id", DatasetColumnType.Text, true),
        new("feature", DatasetColumnType.Text, false, "a wide table: every other field is a feature"),
        new("value", DatasetColumnType.Float, false, "1.0"),
    ]);

    /// <summary>Every kind.</summary>
    public static IReadOnlyList<DatasetKind> All { get; } = [Interactions, TextPairs, Features];

    /// <summary>The kind's wire name.</summary>
    public string Name { get; }

    /// <summary>The target columns, in row order.</summary>
    public IReadOnlyList<DatasetColumn> Columns { get; }

    /// <summary>The index of a target column, or -1.</summary>
    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == column)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Finds a kind by its wire name (<c>interactions</c>, <c>text-pairs</c>).</summary>
    public static bool TryParse(string? name, out DatasetKind kind)
    {
        kind = All.FirstOrDefault(k => k.Name == name?.Trim().ToLowerInvariant())!;
        return kind is not null;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
