namespace HttmOrleans.DataChefs.Definitions;

/// <summary>One problem with a source definition: the field it concerns and why it is refused.</summary>
/// <param name="Field">The definition field (its JSON name), e.g. <c>path</c> or <c>mapping</c>.</param>
/// <param name="Reason">A sentence a user can act on.</param>
public sealed record SourceValidationError(string Field, string Reason);
