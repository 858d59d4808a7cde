namespace HttmOrleans.DataChefs.Mapping;

/// <summary>Turns a mapped source record into a typed row of one dataset kind, or says why not.</summary>
/// <typeparam name="TRow">The kind's row type.</typeparam>
public interface IRowCoercer<TRow>
{
    /// <summary>The kind whose schema rows follow.</summary>
    DatasetKind Kind { get; }

    /// <summary>Coerces one record; on failure <paramref name="rejection"/> holds a countable reason.</summary>
    bool TryCoerce(in MappedRecord record, out TRow row, out RowRejection rejection);
}
