namespace HttmOrleans.DataChefs.Pipeline;

/// <summary>What a sink found when it completed.</summary>
/// <param name="DuplicateRows">Rows whose key (the dataset kind's dedupe key) an earlier row of the same snapshot already had.</param>
/// <param name="DuplicateRule">How duplicates were treated, in words, for the report; null when the sink does not look.</param>
public sealed record SinkSummary(long DuplicateRows, string? DuplicateRule)
{
    /// <summary>A sink that does not look for duplicates.</summary>
    public static SinkSummary None { get; } = new(0, null);

    /// <summary>A snapshot sink told not to count: the report still says duplicates may be there.</summary>
    public static SinkSummary NotCounted { get; } = new(0, "dedupe rule: keep all; duplicates were not counted (CountDuplicates is off)");
}
