namespace HttmOrleans.Recommend.Serving;

/// <summary>Tag written in the model file to say which scorer payload follows.</summary>
internal enum ScorerKind : byte
{
    Popularity = 1,
    Factors = 2,
    ItemNeighbours = 3,
    DenseItemItem = 4,

    /// <summary>Users and items as sums of feature embeddings (hybrid).</summary>
    FeatureEmbeddings = 5,

    /// <summary>A field-aware factorization machine folded into per-user and per-item vectors (ffm).</summary>
    FieldAware = 6,
}
