namespace HttmOrleans.Grains;

/// <summary>A refusal the API maps to a 4xx problem; it crosses grain calls with its fields.</summary>
[GenerateSerializer]
public abstract class DomainException : Exception
{
    protected DomainException(string message) : base(message) { }
}
