using HttmOrleans.Summarization.Hosting;
using GrainsTrainingResult = HttmOrleans.Grains.Training.TrainingResult;

namespace HttmOrleans.Summarization.Tests.Hosting;

/// <summary>One short seq2seq training through the <c>ITrainer</c> contract, shared by the tests that read it.</summary>
public sealed class HostedSeq2SeqRun : IAsyncLifetime
{
    internal TrainingFolders Folders { get; } = new();

    internal RecordingProgress Progress { get; } = new();

    public GrainsTrainingResult Result { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var trainer = new Seq2SeqTrainer(HostedSettings.Options);
        var parameters = trainer.Check(HostedSettings.Tiny(20)).Resolved!;
        var request = Folders.Request("seq2seq", parameters, await ListSnapshot.XsumAsync(200));
        Result = await trainer.TrainAsync(request, Progress, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Folders.Dispose();
        return Task.CompletedTask;
    }
}
