using HttmOrleans.Summarization.Serving;
using HttmOrleans.Summarization.Tests.Training;
using HttmOrleans.Summarization.Training;

namespace HttmOrleans.Summarization.Tests.Serving;

[Collection(PythonCollection.Name)]
public sealed class SummarizationWorkerTests(TrainedModelFixture model)
{
    private static readonly SummarizeOptions Short = new() { MaxLength = 16 };

    [Fact]
    public async Task Concurrent_callers_each_get_their_own_answers_from_one_process()
    {
        await using var worker = new SummarizationWorker(model.Trained.ArtifactPath!, TrainerSettings.Process, "cpu");
        await worker.StartAsync();
        var pid = worker.ProcessId;
        var texts = model.Validation.Take(12).Select(p => p.Document).ToList();
        var sequential = await worker.SummarizeAsync(texts, Short);

        var parallel = await Task.WhenAll(texts.Select((t, i) => i % 2 == 0
            ? worker.SummarizeAsync(t, Short)
            : worker.SummarizeAsync([t, t], Short).ContinueWith(r => r.Result[1], TaskScheduler.Default)));

        Assert.Equal(sequential, parallel);
        Assert.Equal(pid, worker.ProcessId);
        Assert.Equal(0, worker.Restarts);
    }

    [Fact]
    public async Task Beam_search_and_greedy_both_produce_summaries_within_the_length()
    {
        await using var worker = new SummarizationWorker(model.Trained.ArtifactPath!, TrainerSettings.Process, "cpu");
        var text = model.Validation[0].Document;
        var greedy = await worker.SummarizeAsync(text, new SummarizeOptions { MaxLength = 12, NumBeams = 1 });
        var beam = await worker.SummarizeAsync(text, new SummarizeOptions { MaxLength = 12, NumBeams = 3 });
        Assert.False(string.IsNullOrWhiteSpace(greedy));
        Assert.False(string.IsNullOrWhiteSpace(beam));
        Assert.True(greedy.Split(' ').Length <= 12 && beam.Split(' ').Length <= 12);
    }

    [Fact]
    public async Task A_worker_that_dies_is_started_again_on_the_next_request()
    {
        await using var worker = new SummarizationWorker(model.Trained.ArtifactPath!, TrainerSettings.Process, "cpu");
        var text = model.Validation[1].Document;
        var before = await worker.SummarizeAsync(text, Short);
        using (var process = System.Diagnostics.Process.GetProcessById(worker.ProcessId!.Value))
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        var after = await worker.SummarizeAsync(text, Short);

        Assert.Equal(before, after);
        Assert.Equal(1, worker.Restarts);
    }

    [Fact]
    public async Task A_worker_for_a_missing_artifact_fails_with_the_reason()
    {
        await using var worker = new SummarizationWorker(Path.Combine(model.WorkDir, "nothing-here"), TrainerSettings.Process, "cpu");
        var e = await Assert.ThrowsAsync<TrainerFailedException>(() => worker.StartAsync());
        Assert.Contains("not a trainer artifact", e.StderrTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_batch_is_answered_with_no_summaries()
    {
        await using var worker = new SummarizationWorker(model.Trained.ArtifactPath!, TrainerSettings.Process, "cpu");
        Assert.Empty(await worker.SummarizeAsync(Array.Empty<string>(), Short));
    }
}
