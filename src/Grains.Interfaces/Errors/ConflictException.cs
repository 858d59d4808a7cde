namespace HttmOrleans.Grains;

/// <summary>The request clashes with the current state (409).</summary>
[GenerateSerializer]
public sealed class ConflictException(string message) : DomainException(message);
