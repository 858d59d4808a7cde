using HttmOrleans.Grains.Jobs;
using Orleans;
using Orleans.Concurrency;

namespace HttmOrleans.Grains.Models;

/// <summary>
/// One trained (or training) version of a model (key: <c>{modelId}/{version}</c>). Lifecycle:
/// <c>initializing → queued → training → validating → completed / failed / stopped</c>.
/// The training is a job; its progress and its end arrive as turns of this grain.
/// </summary>
public interface IModelVersionGrain : IJobOwner, IRemindable
{
    /// <summary>Queues the training job. Idempotent: a second call for the same version changes nothing.</summary>
    Task<VersionInfo> Start(VersionSpec spec);

    /// <summary>The version, or null.</summary>
    [AlwaysInterleave]
    Task<VersionInfo?> Get();

    /// <summary>Stops a queued or running training (the version ends <c>stopped</c>); 409 when already finished.</summary>
    Task<VersionInfo> Cancel(string by);

    /// <summary>Deletes the version record; returns it so the caller can drop the artifact. 409 while training.</summary>
    Task<VersionInfo> Delete();
}
