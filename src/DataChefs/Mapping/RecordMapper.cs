using HttmOrleans.DataChefs.Pipeline;

namespace HttmOrleans.DataChefs.Mapping;

/// <summary>
/// Applies a <see cref="ColumnMapping"/> to records. Field positions are looked up once per
/// distinct names array (CSV and SQL share one for all rows), so mapping costs no lookups per row.
/// Names match exactly first, then ignoring case.
/// </summary>
public sealed class RecordMapper(ColumnMapping mapping)
{
    private string[]? _cachedNames;
    private int[] _cachedIndices = [];

    /// <summary>The mapping applied.</summary>
    public ColumnMapping Mapping { get; } = mapping;

    /// <summary>Maps one record.</summary>
    public MappedRecord Map(SourceRecord record)
    {
        if (!ReferenceEquals(record.Names, _cachedNames))
        {
            _cachedIndices = Resolve(record.Names);
            _cachedNames = record.Names;
        }

        return new MappedRecord(record, _cachedIndices, Mapping);
    }

    private int[] Resolve(string[] names)
    {
        var indices = new int[Mapping.Kind.Columns.Count];
        for (var target = 0; target < indices.Length; target++)
        {
            var source = Mapping.SourceFor(target);
            var found = Array.IndexOf(names, source);
            if (found < 0)
            {
                found = Array.FindIndex(names, n => string.Equals(n, source, StringComparison.OrdinalIgnoreCase));
            }

            indices[target] = found;
        }

        return indices;
    }
}
