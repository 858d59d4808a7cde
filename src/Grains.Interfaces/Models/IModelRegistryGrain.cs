using Orleans;
using Orleans.Concurrency;

namespace HttmOrleans.Grains.Models;

/// <summary>
/// The registry of one model (key: model id): exactly one active version, its history, rollback.
/// The first completed version activates itself. Every change is published through <see cref="IActiveVersionNewsGrain"/>
/// so serving nodes swap their in-memory model.
/// </summary>
public interface IModelRegistryGrain : IGrainWithStringKey
{
    /// <summary>Activates a completed version (409 otherwise). Activating the active version again changes nothing.</summary>
    Task<RegistryInfo> Activate(string version, string by);

    /// <summary>Goes back to the version that was active before the current one (409 if there is none).</summary>
    Task<RegistryInfo> Rollback(string by);

    /// <summary>Told by a version when it completes: activates it if nothing is active yet.</summary>
    Task<RegistryInfo> VersionCompleted(string version);

    /// <summary>Told when a version is deleted, so history does not roll back to it.</summary>
    Task VersionDeleted(string version);

    /// <summary>The registry.</summary>
    [AlwaysInterleave]
    Task<RegistryInfo> Get();
}
