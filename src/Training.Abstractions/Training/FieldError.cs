namespace HttmOrleans.Grains.Training;

/// <summary>A field of a request and why it was refused; becomes an entry of a problem-details <c>errors</c> map.</summary>
public sealed record FieldError(string Field, string Reason);
