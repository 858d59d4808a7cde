namespace HttmOrleans.Grains;

/// <summary>An id that names nothing (HTTP 404).</summary>
public sealed class NotFoundException(string what, string id, string? field = null) : DomainException($"{what} '{id}' was not found.")
{
    /// <summary>What was looked for (<c>model</c>, <c>dataset</c>, …).</summary>
    public string What { get; } = what;

    /// <summary>The id that was not found.</summary>
    public string Id { get; } = id;

    /// <summary>The request field that named it (<c>dataset_id</c>), when it came from a body or query.</summary>
    public string? Field { get; } = field;
}
