using HttmOrleans.Recommend.Algorithms;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Synthetic;

namespace HttmOrleans.Recommend.Tests;

public sealed class FitLifecycleTests
{
    private static readonly InteractionMatrix Data =
        SyntheticInteractions.Generate(new SyntheticOptions { Users = 100, Items = 80, Interactions = 2_000 }).ToLog().ToMatrix();

    public static TheoryData<string> AllAlgorithms => ServingTests.AllAlgorithms;

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public void A_fit_reports_progress_up_to_completion(string algorithm)
    {
        var implementation = AlgorithmRegistry.Get(algorithm);
        var reports = new List<FitProgress>();

        implementation.Fit(Data, implementation.Schema.Defaults, new SynchronousProgress(reports.Add));

        Assert.NotEmpty(reports);
        Assert.All(reports, r => Assert.InRange(r.Fraction, 0, 1));
        Assert.Equal(1.0, reports[^1].Fraction, 6);
        Assert.All(reports, r => Assert.False(string.IsNullOrWhiteSpace(r.Message)));
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public void A_cancelled_fit_stops_with_operation_cancelled(string algorithm)
    {
        var implementation = AlgorithmRegistry.Get(algorithm);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        if (algorithm == "popularity")
        {
            // A single counting pass: nothing worth interrupting, it finishes.
            Assert.NotNull(implementation.Fit(Data, implementation.Schema.Defaults, null, cancelled.Token));
            return;
        }

        Assert.ThrowsAny<OperationCanceledException>(() => implementation.Fit(Data, implementation.Schema.Defaults, null, cancelled.Token));
    }

    [Fact]
    public void Ease_refuses_a_catalogue_too_large_for_its_dense_matrix()
    {
        var ease = AlgorithmRegistry.Get("ease");
        var wide = InteractionMatrix.FromInteractions(Enumerable.Range(0, EaseAlgorithm.MaxItems + 1).Select(i => new Interaction("u", "i" + i)));

        var error = Assert.Throws<ArgumentException>(() => ease.Fit(wide, ease.Schema.Defaults));
        Assert.Contains("at most", error.Message, StringComparison.Ordinal);
    }
}
