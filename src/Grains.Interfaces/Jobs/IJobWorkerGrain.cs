using Orleans.Concurrency;

namespace HttmOrleans.Grains.Jobs;

/// <summary>
/// Runs one attempt of a job (key: <see cref="JobTicket.WorkerKey"/>) in the background of its activation.
/// The implementations differ only in the silo capability they are placed by.
/// </summary>
public interface IJobWorkerGrain : IGrainWithStringKey
{
    /// <summary>Starts the attempt and returns at once; a second call for the same ticket changes nothing.</summary>
    Task<string> Start(JobTicket ticket, IJobOwner owner);

    /// <summary>Whether this activation runs the job. A silo that died took the activation with it, so a new one answers false.</summary>
    [AlwaysInterleave]
    Task<bool> IsRunning(string jobId);

    /// <summary>Asks the running attempt to stop; it then reports <see cref="JobStatus.Cancelled"/>.</summary>
    [AlwaysInterleave]
    Task Cancel(string jobId);
}

/// <summary>A worker placed on silos with the <c>cpu</c> capability.</summary>
public interface ICpuJobWorkerGrain : IJobWorkerGrain;

/// <summary>A worker placed on silos with the <c>gpu</c> capability.</summary>
public interface IGpuJobWorkerGrain : IJobWorkerGrain;
