namespace HttmOrleans.Runtime;

/// <summary>
/// Marks a grain interface method that only reads state. Such a call runs without a write
/// transaction and may interleave with a writing turn (it sees the last committed state),
/// like Orleans' <c>[ReadOnly]</c>. Writing state, reminders, messages or jobs from it throws.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class ReadOnlyAttribute : Attribute;
