namespace HttmOrleans.Summarization.Training;

/// <summary>Shape of the compact encoder–decoder; null keeps the trainer's default (128-wide, 2+2 layers).</summary>
public sealed record CompactModelOptions
{
    /// <summary>Model width.</summary>
    public int? DModel { get; init; }

    /// <summary>Attention heads.</summary>
    public int? Nhead { get; init; }

    /// <summary>Encoder layers.</summary>
    public int? NumEncoderLayers { get; init; }

    /// <summary>Decoder layers.</summary>
    public int? NumDecoderLayers { get; init; }

    /// <summary>Feed-forward width.</summary>
    public int? DimFeedforward { get; init; }

    /// <summary>Dropout.</summary>
    public double? Dropout { get; init; }

    /// <summary>Longest sequence the position table covers.</summary>
    public int? MaxPositions { get; init; }
}
