using HttmOrleans.DataChefs.Pipeline;

namespace HttmOrleans.DataChefs.Mapping;

/// <summary>A source record seen through a column mapping: values addressed by target column.</summary>
public readonly struct MappedRecord
{
    private readonly int[] _indices;

    internal MappedRecord(SourceRecord record, int[] indices, ColumnMapping mapping)
    {
        Record = record;
        _indices = indices;
        Mapping = mapping;
    }

    /// <summary>The underlying record.</summary>
    public SourceRecord Record { get; }

    /// <summary>The mapping in use.</summary>
    public ColumnMapping Mapping { get; }

    /// <summary>Whether the record has the source field for target column <paramref name="target"/>.</summary>
    public bool Has(int target) => _indices[target] >= 0;

    /// <summary>The value for a target column; null when the field is absent or null.</summary>
    public object? this[int target] => _indices[target] >= 0 ? Record.Values[_indices[target]] : null;
}
