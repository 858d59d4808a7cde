using Xunit;

namespace HttmOrleans.Cluster.Tests.Infrastructure;

/// <summary>
/// The multi-process suites run one at a time: each starts three or four hosts that train on the
/// same two shared cores, and their time bounds hold only when they are not racing each other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiProcessCollection
{
    public const string Name = "multi-process cluster";
}
