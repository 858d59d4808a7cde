using HttmOrleans.Summarization.Hosting;
using HttmOrleans.Summarization.Training;
using HttmOrleans.Summarization.Training.Events;

namespace HttmOrleans.Summarization.Tests.Training;

[Collection(PythonCollection.Name)]
public sealed class CancelAndCrashTests(TrainedModelFixture model)
{
    [Fact]
    public async Task Cancelling_sends_sigterm_which_saves_a_checkpoint_and_ends_the_process()
    {
        var trainer = new Seq2SeqTrainerProcess(TrainerSettings.Process);
        using var cancel = new CancellationTokenSource();
        var events = new List<TrainerEvent>();
        var config = model.Config("cancelled", 100_000) with { EvalEvery = 0 };

        var result = await trainer.TrainAsync(config, e =>
        {
            events.Add(e);
            if (e is TrainerProgress)
                cancel.Cancel();
        }, cancel.Token);

        Assert.True(result.Stopped);
        Assert.Null(result.ArtifactPath);
        var stopped = Assert.IsType<TrainerStopped>(events[^1]);
        Assert.InRange(stopped.Step, 10, 100_000 - 1);
        Assert.True(File.Exists(Path.Combine(stopped.CheckpointPath, "model.pt")));
        Assert.True(File.Exists(Path.Combine(stopped.CheckpointPath, "trainer_state.pt")));
        var hello = events.OfType<TrainerHello>().Single();
        Assert.False(ProcessIsAlive(hello.ProcessId));

        // Resume picks the run up where SIGTERM left it.
        var resumed = new List<TrainerEvent>();
        var more = await trainer.TrainAsync(config with { Resume = true, MaxSteps = stopped.Step + 3 }, resumed.Add);
        Assert.Equal(stopped.Step, resumed.OfType<TrainerSetup>().Single().ResumedFromStep);
        Assert.Equal(stopped.Step + 3, more.Step);
        Assert.NotNull(more.ArtifactPath);
    }

    [Fact]
    public async Task A_failure_inside_the_trainer_becomes_an_exception_with_the_stderr_tail()
    {
        var trainer = new Seq2SeqTrainerProcess(TrainerSettings.Process);
        var config = model.Config("crash", 50) with { FailAtStep = 2 };

        var e = await Assert.ThrowsAsync<TrainerFailedException>(() => trainer.TrainAsync(config));

        Assert.Contains("injected failure at step 2", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, e.ExitCode);
        Assert.Contains("Traceback", e.StderrTail, StringComparison.Ordinal);
        Assert.Contains("RuntimeError", e.StderrTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_torch_on_the_reference_blas_is_named_and_the_package_to_install_is_said()
    {
        // Debian's python3-torch depends on libblas3, so the reference library is there beside OpenBLAS;
        // LD_LIBRARY_PATH makes torch load it without touching the system's alternatives.
        const string reference = "/usr/lib/x86_64-linux-gnu/blas";
        Assert.True(File.Exists(Path.Combine(reference, "libblas.so.3")), "libblas3 (a dependency of python3-torch) is missing");
        var trainer = new Seq2SeqTrainerProcess(TrainerSettings.Process with
        {
            Environment = new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = reference },
        });

        var result = await trainer.TrainAsync(model.Config("reference-blas", 0) with { MaxEvalSamples = 8 });

        Assert.Equal("reference", result.Hello!.Blas);
        Assert.True(result.Hello.SlowBlas);
        var (_, message, _) = Seq2SeqProgress.Describe(result.Hello)!.Value;
        Assert.Contains("reference BLAS", message, StringComparison.Ordinal);
        Assert.Contains("libopenblas0-pthread", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_config_fails_with_the_reason()
    {
        var trainer = new Seq2SeqTrainerProcess(TrainerSettings.Process);
        var config = model.Config("bad", 5) with { TrainFile = Path.Combine(model.WorkDir, "missing.jsonl") };

        var e = await Assert.ThrowsAsync<TrainerFailedException>(() => trainer.TrainAsync(config));

        Assert.Contains("missing.jsonl", e.Message, StringComparison.Ordinal);
        Assert.Contains("FileNotFoundError", e.StderrTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_backbone_is_rejected()
    {
        var trainer = new Seq2SeqTrainerProcess(TrainerSettings.Process);
        var e = await Assert.ThrowsAsync<TrainerFailedException>(
            () => trainer.TrainAsync(model.Config("unknown", 5) with { Backbone = "gpt-17" }));
        Assert.Contains("unknown backbone 'gpt-17'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_hf_backbone_without_transformers_or_checkpoint_explains_what_is_missing()
    {
        var trainer = new Seq2SeqTrainerProcess(TrainerSettings.Process);
        var missing = Path.Combine(model.WorkDir, "no-such-vit5");
        var e = await Assert.ThrowsAsync<TrainerFailedException>(
            () => trainer.TrainAsync(model.Config("hf", 5) with { Backbone = "hf:" + missing }));
        Assert.True(
            e.Message.Contains("transformers", StringComparison.Ordinal) || e.Message.Contains(missing, StringComparison.Ordinal),
            e.Message);
    }

    [Fact]
    public async Task An_interpreter_without_torch_is_named_in_the_error()
    {
        // A torch module that fails to import stands in for an interpreter that lacks torch.
        var fakeSite = Path.Combine(model.WorkDir, "no-torch");
        Directory.CreateDirectory(fakeSite);
        await File.WriteAllTextAsync(Path.Combine(fakeSite, "torch.py"), "raise ImportError('simulated: no torch here')\n");
        var options = TrainerSettings.Process with { Environment = new Dictionary<string, string> { ["PYTHONPATH"] = fakeSite } };

        var e = await Assert.ThrowsAsync<TrainerFailedException>(
            () => new Seq2SeqTrainerProcess(options).TrainAsync(model.Config("no-torch", 5)));

        Assert.Contains("cannot import torch", e.Message, StringComparison.Ordinal);
        Assert.Contains(options.PythonPath, e.Message, StringComparison.Ordinal);
        Assert.Equal(3, e.ExitCode);
    }

    [Fact]
    public async Task A_missing_interpreter_fails_without_harming_the_caller()
    {
        var options = TrainerSettings.Process with { PythonPath = "/nonexistent/python3" };
        var e = await Assert.ThrowsAsync<TrainerFailedException>(
            () => new Seq2SeqTrainerProcess(options).TrainAsync(model.Config("no-python", 5)));
        Assert.Contains("/nonexistent/python3", e.Message, StringComparison.Ordinal);
    }

    private static bool ProcessIsAlive(int pid)
    {
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
