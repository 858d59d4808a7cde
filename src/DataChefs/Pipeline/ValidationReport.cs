namespace HttmOrleans.DataChefs.Pipeline;

/// <summary>
/// What a materialization did with every row: read = accepted + rejected, rejections counted
/// per reason with samples. Nothing is dropped without being counted here.
/// </summary>
public sealed record ValidationReport
{
    /// <summary>Records the source produced (readable or not).</summary>
    public long RowsRead { get; init; }

    /// <summary>Rows coerced and written to the sink.</summary>
    public long Accepted { get; init; }

    /// <summary>Rows refused, <see cref="RejectedByReason"/> says why.</summary>
    public long Rejected { get; init; }

    /// <summary>Queue messages skipped because their id was already stored (not rows: they were accepted before).</summary>
    public long DuplicatesSkipped { get; init; }

    /// <summary>
    /// Accepted rows that repeat the dedupe key of an earlier row in the same snapshot
    /// (interactions: user and item; text pairs: the document). They are stored, not dropped;
    /// <see cref="Notes"/> says which rule the sink applied.
    /// </summary>
    public long DuplicateRows { get; init; }

    /// <summary>Rejections counted per reason.</summary>
    public IReadOnlyDictionary<string, long> RejectedByReason { get; init; } = new Dictionary<string, long>();

    /// <summary>The first rejected rows, up to the pipeline's sample size.</summary>
    public IReadOnlyList<RejectedRow> RejectedSamples { get; init; } = [];

    /// <summary>What the source detected or where it stopped early (row limit, page limit).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
