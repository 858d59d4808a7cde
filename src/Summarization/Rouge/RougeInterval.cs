namespace HttmOrleans.Summarization.Rouge;

/// <summary>
/// A corpus-level score: the plain mean over samples plus the bootstrap percentiles
/// (low, mid, high) of resampled means, as <c>rouge-score</c>'s <c>BootstrapAggregator</c> reports them.
/// </summary>
public sealed record RougeInterval(RougeScore Mean, RougeScore Low, RougeScore Mid, RougeScore High);
