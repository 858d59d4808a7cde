using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.DataChefs.Pipeline;
using HttmOrleans.Grains.Datasets;

namespace HttmOrleans.DataChefs.Features;

/// <summary>
/// Features through a data chef: a record with a <c>feature</c> field is a long row; otherwise the field mapped to
/// <c>entity_id</c> is the id and every other field goes through <see cref="WideFeatureConverter"/>. Column types are
/// learned from the records passed to <see cref="Learn"/> first (the materialization reads a re-readable source's first
/// records twice for that); a column never learned is judged value by value (a queue, whose messages are read once).
/// </summary>
public sealed class FeatureCoercer(FeatureConversion conversion) : IRowCoercer<FeatureRows>
{
    private const int Entity = 0, Feature = 1, Value = 2;

    private readonly List<FeatureSample> _cells = [];

    /// <summary>The converter, with what it learned.</summary>
    public WideFeatureConverter Converter { get; } = new(conversion);

    /// <inheritdoc />
    public DatasetKind Kind => DatasetKind.Features;

    /// <summary>Learns column types from one record (its id field and a long row's fields are skipped).</summary>
    public void Learn(SourceRecord record, ColumnMapping mapping)
    {
        if (record.Error is not null) return;
        for (var i = 0; i < record.Names.Length; i++)
        {
            if (!IsKey(record.Names[i], mapping)) Converter.Observe(record.Names[i], ValueCoercion.ToText(record.Values[i]));
        }
    }

    /// <inheritdoc />
    public bool TryCoerce(in MappedRecord record, out FeatureRows row, out RowRejection rejection)
    {
        row = default;
        rejection = default;
        if (!record.Has(Entity) && record.Mapping.IsExplicit(Entity))
        {
            rejection = new(RejectionReasons.SourceFieldAbsent("entity_id"), record.Mapping.SourceFor(Entity));
            return false;
        }

        string? error;
        if (record.Has(Feature))
        {
            if (!WideFeatureConverter.TryLongRow(ValueCoercion.ToText(record[Entity]), ValueCoercion.ToText(record[Feature]), ValueCoercion.ToText(record[Value]), out var sample, out error))
            {
                rejection = Rejection(error!);
                return false;
            }

            row = new FeatureRows([sample]);
            return true;
        }

        if (!WideFeatureConverter.TryEntity(ValueCoercion.ToText(record[Entity]), out var entity, out error))
        {
            rejection = new(RejectionReasons.Missing("entity_id"), null);
            return false;
        }

        _cells.Clear();
        var source = record.Record;
        for (var i = 0; i < source.Names.Length; i++)
        {
            if (IsKey(source.Names[i], record.Mapping)) continue;
            if (!Converter.TryAddCell(entity, source.Names[i], ValueCoercion.ToText(source.Values[i]), _cells, out error))
            {
                rejection = Rejection(error!);
                return false;
            }
        }

        row = new FeatureRows([.. _cells]);
        return true;
    }

    // Counted reasons are fixed sentences; the column and value go to the detail.
    private static RowRejection Rejection(string error) =>
        error.Contains(" is not a number", StringComparison.Ordinal) ? new(RejectionReasons.FeatureNotANumber, error)
        : error.Contains("NUL", StringComparison.Ordinal) ? new(RejectionReasons.FeatureNul, error)
        : new(RejectionReasons.Missing(error.Split(' ')[0]), null);

    private static bool IsKey(string name, ColumnMapping mapping)
    {
        for (var target = 0; target < DatasetKind.Features.Columns.Count; target++)
        {
            if (string.Equals(name, mapping.SourceFor(target), StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }
}
