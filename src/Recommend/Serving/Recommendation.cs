namespace HttmOrleans.Recommend.Serving;

/// <summary>One recommended (or similar) item and its model score; higher is better.</summary>
public readonly record struct Recommendation(string ItemId, float Score);
