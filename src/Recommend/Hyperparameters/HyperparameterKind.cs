namespace HttmOrleans.Recommend.Hyperparameters;

/// <summary>The JSON shape a hyperparameter accepts.</summary>
public enum HyperparameterKind
{
    /// <summary>A whole number.</summary>
    Int,

    /// <summary>A real number.</summary>
    Float,

    /// <summary>true or false.</summary>
    Bool,

    /// <summary>One string out of <see cref="HyperparameterSpec.Choices"/>.</summary>
    Choice,
}
