using HttmOrleans.Recommend.Algorithms;

namespace HttmOrleans.Recommend.Tests;

/// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool, which would race the asserts).</summary>
internal sealed class SynchronousProgress(Action<FitProgress> report) : IProgress<FitProgress>
{
    public void Report(FitProgress value) => report(value);
}
