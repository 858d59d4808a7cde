using System.Diagnostics;
using HttmOrleans.Recommend.Algorithms;

namespace HttmOrleans.Recommend.Bench;

/// <summary>
/// Times a fit's epochs (iterations for ALS) from its progress reports, which algorithms make synchronously at the
/// end of each one. The first step includes the set-up before it.
/// </summary>
internal sealed class StepClock(Stopwatch clock) : IProgress<FitProgress>
{
    private readonly List<double> _ends = [];

    public int Count => _ends.Count;

    public double MedianSeconds
    {
        get
        {
            var steps = _ends.Select((end, n) => end - (n == 0 ? 0 : _ends[n - 1])).Order().ToArray();
            return steps.Length == 0 ? 0 : steps[steps.Length / 2];
        }
    }

    public void Report(FitProgress value) => _ends.Add(clock.Elapsed.TotalSeconds);
}
