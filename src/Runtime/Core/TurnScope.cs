using HttmOrleans.Runtime.Storage;

namespace HttmOrleans.Runtime.Core;

/// <summary>The turn a grain instance runs in: its identity, its transaction and the runtime.</summary>
internal sealed class TurnScope(GrainRuntime runtime, GrainId grain, ITurnTransaction transaction)
{
    public GrainRuntime Runtime { get; } = runtime;
    public GrainId Grain { get; } = grain;
    public ITurnTransaction Transaction { get; } = transaction;
    public long Now => UnixMs.From(Runtime.Time.GetUtcNow());
}
