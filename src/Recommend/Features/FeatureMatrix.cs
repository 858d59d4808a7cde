using System.Globalization;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Recommend.Data;

namespace HttmOrleans.Recommend.Features;

/// <summary>
/// The features of every user (or every item) of one model: row r belongs to dense index r of the owning id map,
/// columns are features (named in <see cref="Features"/>), values are weights as stored (1 for a categorical
/// feature, the number for a numeric one; scaling is the algorithm's business). An entity without features has an
/// empty row. Immutable once built.
/// </summary>
public sealed class FeatureMatrix
{
    /// <summary>Wraps <paramref name="rows"/>, whose columns are indexes into <paramref name="features"/>.</summary>
    public FeatureMatrix(IdMap features, CsrMatrix rows)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Columns != features.Count)
        {
            throw new ArgumentException($"The rows have {rows.Columns} columns but there are {features.Count} feature names.", nameof(rows));
        }

        Features = features;
        Rows = rows;
    }

    /// <summary>Feature names, e.g. <c>gender=F</c>, <c>age</c>, <c>age=[25,35)</c>.</summary>
    public IdMap Features { get; }

    /// <summary>Rows are entities (the owning id map's order), columns features.</summary>
    public CsrMatrix Rows { get; }

    /// <summary>Number of entities (rows).</summary>
    public int EntityCount => Rows.Rows;

    /// <summary>Number of distinct features (columns).</summary>
    public int FeatureCount => Features.Count;

    /// <summary>True when entity <paramref name="row"/> has at least one feature.</summary>
    public bool HasFeatures(int row) => row >= 0 && row < Rows.Rows && Rows.RowLength(row) > 0;

    /// <summary>
    /// Builds the matrix for <paramref name="entities"/>. A row for an entity the map does not hold is added to it
    /// when <paramref name="addUnknown"/> (an item with features but no interaction joins the catalogue), and is
    /// otherwise skipped and counted in the result. A repeated (entity, feature) keeps the last value.
    /// </summary>
    public static FeatureMatrixBuild Build(IdMap entities, IEnumerable<FeatureSample> samples, bool addUnknown)
    {
        ArgumentNullException.ThrowIfNull(entities);
        ArgumentNullException.ThrowIfNull(samples);
        var features = new IdMap();
        var rows = new List<int>();
        var columns = new List<int>();
        var values = new List<float>();
        var before = entities.Count;
        var skippedRows = 0;
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            int row;
            if (addUnknown)
            {
                row = entities.GetOrAdd(sample.EntityId);
            }
            else if (!entities.TryGetIndex(sample.EntityId, out row))
            {
                skippedRows++;
                skipped.Add(sample.EntityId);
                continue;
            }

            rows.Add(row);
            columns.Add(features.GetOrAdd(sample.Feature));
            values.Add(sample.Value);
        }

        var matrix = CsrMatrix.FromCoordinates(entities.Count, features.Count, rows.ToArray(), columns.ToArray(), values.ToArray());
        return new FeatureMatrixBuild(
            new FeatureMatrix(features, matrix),
            AddedEntities: entities.Count - before,
            SkippedRows: skippedRows,
            SkippedEntities: skipped.Count,
            SkippedExamples: [.. skipped.Order(StringComparer.Ordinal).Take(5)]);
    }

    /// <summary>
    /// Encodes features given at request time, <c>name=value</c> pairs such as <c>gender=F</c> or <c>age=31</c>:
    /// a pair that names a known categorical feature (<c>gender=F</c>) has weight 1; a known numeric feature
    /// (<c>age</c>) takes the number; a number falling in a known bucket (<c>age=[25,35)</c>) selects the bucket.
    /// Pairs that match nothing the model learned are returned in <paramref name="unknown"/>, not used.
    /// </summary>
    public void Encode(IEnumerable<KeyValuePair<string, string>> given, List<int> indices, List<float> weights, List<string> unknown)
    {
        ArgumentNullException.ThrowIfNull(given);
        foreach (var (name, value) in given)
        {
            if (Features.TryGetIndex(name + "=" + value, out var categorical))
            {
                indices.Add(categorical);
                weights.Add(1f);
            }
            else if (float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && float.IsFinite(number)
                && (Features.TryGetIndex(name, out var numeric) || TryFindBucket(name, number, out numeric)))
            {
                indices.Add(numeric);
                weights.Add(Features[numeric].Length == name.Length ? number : 1f);
            }
            else
            {
                unknown.Add(name + "=" + value);
            }
        }
    }

    private bool TryFindBucket(string column, float number, out int index)
    {
        var prefix = column + "=[";
        for (var n = 0; n < Features.Count; n++)
        {
            var name = Features[n];
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(')'))
            {
                continue;
            }

            var bounds = name.AsSpan(prefix.Length, name.Length - prefix.Length - 1);
            var comma = bounds.IndexOf(',');
            if (comma < 0)
            {
                continue;
            }

            var low = bounds[..comma];
            var high = bounds[(comma + 1)..];
            if ((low.IsEmpty || (double.TryParse(low, NumberStyles.Float, CultureInfo.InvariantCulture, out var lo) && number >= lo))
                && (high.IsEmpty || (double.TryParse(high, NumberStyles.Float, CultureInfo.InvariantCulture, out var hi) && number < hi)))
            {
                index = n;
                return true;
            }
        }

        index = -1;
        return false;
    }
}
