namespace HttmOrleans.Grains;

/// <summary>An editable sample of any kind (the other kinds' columns are null).</summary>
public sealed record SampleRow(long Id, string? UserId, string? ItemId, float? Rating, long? Timestamp, string? Document, string? Summary)
{
    /// <summary>The user or item of a features sample.</summary>
    public string? EntityId { get; init; }

    /// <summary>The feature of a features sample (<c>gender=F</c>, <c>age</c>).</summary>
    public string? Feature { get; init; }

    /// <summary>Its weight.</summary>
    public float? Value { get; init; }
}
