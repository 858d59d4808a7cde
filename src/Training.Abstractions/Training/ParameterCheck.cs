using System.Text.Json.Nodes;

namespace HttmOrleans.Grains.Training;

/// <summary>The outcome of <see cref="ITrainer.Check"/>: resolved values, or the errors per field.</summary>
public sealed record ParameterCheck(JsonObject? Resolved, IReadOnlyList<FieldError> Errors)
{
    /// <summary>True when there are no errors.</summary>
    public bool IsValid => Errors.Count == 0 && Resolved is not null;

    /// <summary>A successful check.</summary>
    public static ParameterCheck Ok(JsonObject resolved) => new(resolved, []);

    /// <summary>A failed check.</summary>
    public static ParameterCheck Fail(IReadOnlyList<FieldError> errors) => new(null, errors);
}
