using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace HttmOrleans.Grains.Jobs;

/// <summary>Runs jobs that need the <c>gpu</c> capability.</summary>
[HttmOrleans.Hosting.Capabilities.RequiresCapability("gpu")]
public sealed class GpuJobWorkerGrain(
    IEnumerable<IJobHandler> handlers, ILocalSiloDetails silo, GrainsOptions options, JobSlots slots, ILogger<GpuJobWorkerGrain> logger)
    : JobWorkerGrain(handlers, silo, options, slots, logger), IGpuJobWorkerGrain;
