namespace HttmOrleans.DataChefs.Mapping;

/// <summary>
/// Interactions: user_id and item_id required (trimmed text), rating a finite number
/// defaulting to 1.0, timestamp optional (Unix seconds, Unix ms or ISO-8601).
/// </summary>
public sealed class InteractionCoercer : IRowCoercer<InteractionRow>
{
    private const int User = 0, Item = 1, Rating = 2, Timestamp = 3;

    /// <inheritdoc />
    public DatasetKind Kind => DatasetKind.Interactions;

    /// <inheritdoc />
    public bool TryCoerce(in MappedRecord record, out InteractionRow row, out RowRejection rejection)
    {
        row = default;
        for (var column = 0; column < Kind.Columns.Count; column++)
        {
            if (!record.Has(column) && record.Mapping.IsExplicit(column))
            {
                rejection = new(RejectionReasons.SourceFieldAbsent(Kind.Columns[column].Name), record.Mapping.SourceFor(column));
                return false;
            }
        }

        var user = ValueCoercion.ToText(record[User]);
        if (user is null)
        {
            rejection = new(RejectionReasons.Missing("user_id"), null);
            return false;
        }

        var item = ValueCoercion.ToText(record[Item]);
        if (item is null)
        {
            rejection = new(RejectionReasons.Missing("item_id"), null);
            return false;
        }

        if (!ValueCoercion.TryToFloat(record[Rating], 1.0f, out var rating))
        {
            rejection = new(RejectionReasons.RatingNotANumber, ValueCoercion.ToText(record[Rating], trim: false));
            return false;
        }

        if (!ValueCoercion.TryToTimestamp(record[Timestamp], out var timestamp))
        {
            rejection = new(RejectionReasons.TimestampUnparseable, ValueCoercion.ToText(record[Timestamp], trim: false));
            return false;
        }

        row = new InteractionRow(user, item, rating, timestamp);
        rejection = default;
        return true;
    }
}
