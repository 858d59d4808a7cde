namespace HttmOrleans.Runtime;

/// <summary>Long work a grain hands to a silo that has <paramref name="Capability"/>.</summary>
/// <param name="Kind">Selects the <see cref="IJobHandler"/> that runs it.</param>
/// <param name="Capability">A silo must advertise this capability (<c>cpu</c>, <c>gpu</c>, …) to claim the job.</param>
/// <param name="Payload">JSON the handler reads.</param>
/// <param name="MaxAttempts">How many times a lease may expire (a silo died) before the job fails.</param>
public sealed record JobRequest(string Kind, string Capability, string Payload, int MaxAttempts = 3);
