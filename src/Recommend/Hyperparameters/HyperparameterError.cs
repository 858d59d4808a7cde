namespace HttmOrleans.Recommend.Hyperparameters;

/// <summary>Why one field of a hyperparameter object was refused; the API shows it as a 422 problem detail.</summary>
/// <param name="Field">The field as the caller spelled it.</param>
/// <param name="Reason">A sentence a person can act on.</param>
public sealed record HyperparameterError(string Field, string Reason);
