namespace HttmOrleans.Recommend.Serving;

/// <summary>Tag written in the model file to say which scorer payload follows.</summary>
internal enum ScorerKind : byte
{
    Popularity = 1,
    Factors = 2,
    ItemNeighbours = 3,
    DenseItemItem = 4,
}
