namespace HttmOrleans.DataChefs.Pipeline;

/// <summary>Batching and reporting knobs of <see cref="SourcePipeline{TRow}"/>.</summary>
public sealed record PipelineOptions
{
    /// <summary>Rows per sink write (a queue message is never split across writes, so a batch may run over).</summary>
    public int BatchSize { get; init; } = 5_000;

    /// <summary>How many rejected rows the report keeps as samples.</summary>
    public int RejectedSampleSize { get; init; } = 20;
}
