using System.Threading.Channels;
using HttmOrleans.Grains.Training;
using HttmOrleans.Recommend.Algorithms;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Hyperparameters;
using HttmOrleans.Recommend.Serving;

namespace HttmOrleans.Recommend.Training;

/// <summary>
/// Runs a synchronous, CPU-bound fit on its own thread and forwards its progress to the host's asynchronous
/// reporter, mapped into one stage's share of the run. Only the latest report waits, so a slow reporter never
/// slows the fit.
/// </summary>
internal static class FitRunner
{
    public static async Task<TrainedRecommender> FitAsync(
        IRecommenderAlgorithm algorithm,
        InteractionMatrix data,
        ResolvedHyperparameters parameters,
        ITrainingProgress progress,
        (double From, double To, string Stage) range,
        CancellationToken cancellationToken)
    {
        var reports = Channel.CreateBounded<FitProgress>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fit = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    return algorithm.Fit(data, parameters, new ChannelProgress(reports.Writer), stop.Token);
                }
                finally
                {
                    reports.Writer.TryComplete();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        try
        {
            await foreach (var report in reports.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                var percent = range.From + ((range.To - range.From) * Math.Clamp(report.Fraction, 0, 1));
                await progress.ReportAsync(percent, $"{range.Stage}: {report.Message}", null, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // The reporter failed or the run was cancelled: stop the fit rather than leave it burning cores.
            await stop.CancelAsync().ConfigureAwait(false);
            await fit.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }

        return await fit.ConfigureAwait(false);
    }

    private sealed class ChannelProgress(ChannelWriter<FitProgress> writer) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => writer.TryWrite(value);
    }
}
