namespace HttmOrleans.Recommend.Hyperparameters;

/// <summary>The outcome of <see cref="HyperparameterSchema.Resolve(IReadOnlyDictionary{string, System.Text.Json.JsonElement}?)"/>: values or errors, never both.</summary>
public sealed class HyperparameterResolution
{
    internal HyperparameterResolution(ResolvedHyperparameters? values, IReadOnlyList<HyperparameterError> errors)
    {
        Values = values;
        Errors = errors;
    }

    /// <summary>True when every field was accepted.</summary>
    public bool IsValid => Values is not null;

    /// <summary>The resolved values, or null when <see cref="Errors"/> is not empty.</summary>
    public ResolvedHyperparameters? Values { get; }

    /// <summary>One entry per refused field.</summary>
    public IReadOnlyList<HyperparameterError> Errors { get; }
}
