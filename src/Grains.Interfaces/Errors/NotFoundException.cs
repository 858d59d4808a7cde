namespace HttmOrleans.Grains;

/// <summary>Something named in the request does not exist (404, or 422 naming <see cref="Field"/> when it came from a body).</summary>
[GenerateSerializer]
public sealed class NotFoundException(string what, string id, string? field = null) : DomainException($"{what} '{id}' was not found.")
{
    /// <summary>What kind of thing (model, dataset…).</summary>
    [Id(0)]
    public string What { get; } = what;

    /// <summary>Its id.</summary>
    [Id(1)]
    public string Id { get; } = id;

    /// <summary>The request field that named it, if any.</summary>
    [Id(2)]
    public string? Field { get; } = field;
}
