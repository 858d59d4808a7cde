namespace HttmOrleans.DataChefs.Mapping;

/// <summary>Text pairs: document and summary both required and not blank; text kept as written.</summary>
public sealed class TextPairCoercer : IRowCoercer<TextPairRow>
{
    /// <inheritdoc />
    public DatasetKind Kind => DatasetKind.TextPairs;

    /// <inheritdoc />
    public bool TryCoerce(in MappedRecord record, out TextPairRow row, out RowRejection rejection)
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

        // Whitespace inside a document is content; only a blank one is refused.
        var document = ValueCoercion.ToText(record[0], trim: false);
        if (document is null)
        {
            rejection = new(RejectionReasons.EmptyDocument, null);
            return false;
        }

        var summary = ValueCoercion.ToText(record[1], trim: false);
        if (summary is null)
        {
            rejection = new(RejectionReasons.EmptySummary, null);
            return false;
        }

        row = new TextPairRow(document, summary);
        rejection = default;
        return true;
    }
}
