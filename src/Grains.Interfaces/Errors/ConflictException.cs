namespace HttmOrleans.Grains;

/// <summary>A request that clashes with the current state: a duplicate id, an invalid transition (HTTP 409).</summary>
public sealed class ConflictException(string message) : DomainException(message);
