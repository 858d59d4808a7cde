namespace HttmOrleans.Recommend.Numerics;

/// <summary>
/// Work every worker shares after a round of a <see cref="Strata"/> run (e.g. folding gradients of parameters
/// that many users share into those parameters). Phases run in order with a barrier after each; a phase splits its
/// work by index ranges so the result does not depend on the thread count.
/// </summary>
internal interface IRoundSync
{
    /// <summary>How many phases run after round <paramref name="round"/> of an epoch (0: none, and no barrier).</summary>
    int PhasesAfter(int round);

    /// <summary>Worker <paramref name="worker"/> of <paramref name="threads"/> does its share of <paramref name="phase"/>.</summary>
    void Run(int phase, int worker, int threads);
}
