namespace HttmOrleans.DataChefs.Pipeline;

/// <summary>
/// One record as a source read it: ordered field names and values, and where it came from
/// so a rejection can point at it. Values are strings, longs, doubles, decimals, booleans,
/// DateTime/DateTimeOffset or null. A record the source could not read carries
/// <see cref="Error"/> instead, so it is counted as rejected rather than dropped.
/// </summary>
public sealed class SourceRecord
{
    private readonly long _line;
    private string? _position;

    /// <summary>Creates a record. <paramref name="names"/> may be shared by every record of a source.</summary>
    public SourceRecord(string[] names, object?[] values, string position)
    {
        Names = names;
        Values = values;
        _position = position;
    }

    // A file line: the position text is only built if someone asks (a rejection), not per row.
    internal SourceRecord(string[] names, object?[] values, long line)
    {
        Names = names;
        Values = values;
        _line = line;
    }

    /// <summary>Field names, in source order. Shared between records of one CSV or query.</summary>
    public string[] Names { get; }

    /// <summary>Field values, parallel to <see cref="Names"/>.</summary>
    public object?[] Values { get; }

    /// <summary>Where the record is, e.g. <c>line 12</c>, <c>row 5</c>, <c>page 3, record 7</c>, <c>message abc, record 1</c>.</summary>
    public string Position => _position ??= "line " + _line.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Why the source could not read this record (a rejection reason), or null.</summary>
    public string? Error { get; init; }

    /// <summary>Details for <see cref="Error"/> (kept out of the reason so reasons can be counted).</summary>
    public string? ErrorDetail { get; init; }

    /// <summary>
    /// False for all but the last record of one queue message: the pipeline only stores and
    /// commits at commit points, so a message is never half stored when it is acknowledged.
    /// </summary>
    public bool IsCommitPoint { get; init; } = true;

    /// <summary>A copy with <see cref="IsCommitPoint"/> set as given.</summary>
    public SourceRecord WithCommitPoint(bool isCommitPoint) =>
        new(Names, Values, Position) { Error = Error, ErrorDetail = ErrorDetail, IsCommitPoint = isCommitPoint };

    /// <summary>A record the source could not read.</summary>
    public static SourceRecord Unreadable(string position, string reason, string? detail = null) =>
        new([], [], position) { Error = reason, ErrorDetail = detail };
}
