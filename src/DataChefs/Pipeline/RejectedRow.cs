namespace HttmOrleans.DataChefs.Pipeline;

/// <summary>A sample of a rejected row.</summary>
/// <param name="Position">Where it was, e.g. <c>line 12</c>.</param>
/// <param name="Reason">The counted reason, e.g. <c>rating is not a number</c>.</param>
/// <param name="Detail">The offending value or parser message, when there is one.</param>
/// <param name="Fields">The raw fields as text (at most 20, each cut to 200 characters).</param>
public sealed record RejectedRow(string Position, string Reason, string? Detail, IReadOnlyDictionary<string, string?> Fields);
