using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace HttmOrleans.Grains.Jobs;

/// <summary>Runs jobs that need the <c>cpu</c> capability.</summary>
[HttmOrleans.Hosting.Capabilities.RequiresCapability("cpu")]
public sealed class CpuJobWorkerGrain(
    IEnumerable<IJobHandler> handlers, ILocalSiloDetails silo, GrainsOptions options, JobSlots slots, ILogger<CpuJobWorkerGrain> logger)
    : JobWorkerGrain(handlers, silo, options, slots, logger), ICpuJobWorkerGrain;
