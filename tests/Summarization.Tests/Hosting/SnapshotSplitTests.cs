using HttmOrleans.Grains.Datasets;
using HttmOrleans.Summarization.Hosting;

namespace HttmOrleans.Summarization.Tests.Hosting;

public sealed class SnapshotSplitTests
{
    private static ListSnapshot Numbered(int count) =>
        new(Enumerable.Range(0, count).Select(i => new TextPairSample($"document {i}", $"summary {i}")).ToList());

    [Fact]
    public async Task The_split_holds_out_the_asked_share_and_loses_no_sample()
    {
        using var folders = new TrainingFolders();

        var split = await SnapshotSplit.WriteAsync(Numbered(200), folders.Work, 0.1, 500, seed: 7, writeTrain: true, CancellationToken.None);

        Assert.Equal(20, split.Validation.Count);
        Assert.Equal(180, split.TrainCount);
        var train = await TextPairFile.ReadAsync(split.TrainFile!);
        var validation = await TextPairFile.ReadAsync(split.ValidationFile);
        Assert.Equal(split.Validation, validation);
        var all = train.Concat(validation).Select(p => p.Document).Order(StringComparer.Ordinal);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"document {i}").Order(StringComparer.Ordinal), all);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_split_and_another_seed_another()
    {
        using var folders = new TrainingFolders();
        async Task<List<string>> Held(int seed, string dir) =>
            (await SnapshotSplit.WriteAsync(Numbered(300), Path.Combine(folders.Work, dir), 0.2, 500, seed, false, CancellationToken.None))
            .Validation.Select(p => p.Document).ToList();

        var first = await Held(1, "a");
        Assert.Equal(first, await Held(1, "b"));
        Assert.NotEqual(first, await Held(2, "c"));
        // Held-out samples come from the whole snapshot, not only its head.
        Assert.Contains(first, d => int.Parse(d["document ".Length..], System.Globalization.CultureInfo.InvariantCulture) >= 150);
    }

    [Fact]
    public async Task The_cap_and_a_tiny_snapshot_still_leave_samples_on_both_sides()
    {
        using var folders = new TrainingFolders();

        var capped = await SnapshotSplit.WriteAsync(Numbered(1000), Path.Combine(folders.Work, "a"), 0.5, 30, 1, false, CancellationToken.None);
        var tiny = await SnapshotSplit.WriteAsync(Numbered(2), Path.Combine(folders.Work, "b"), 0.5, 30, 1, false, CancellationToken.None);

        Assert.Equal(30, capped.Validation.Count);
        Assert.Equal(970, capped.TrainCount);
        Assert.Single(tiny.Validation);
        Assert.Equal(1, tiny.TrainCount);
        Assert.Null(tiny.TrainFile);
    }

    [Fact]
    public async Task Interactions_and_single_sample_snapshots_are_refused()
    {
        using var folders = new TrainingFolders();
        var interactions = new ListSnapshot([], DatasetKinds.Interactions);

        var wrongKind = await Assert.ThrowsAsync<ArgumentException>(
            () => SnapshotSplit.WriteAsync(interactions, folders.Work, 0.1, 10, 1, true, CancellationToken.None));
        var tooSmall = await Assert.ThrowsAsync<ArgumentException>(
            () => SnapshotSplit.WriteAsync(Numbered(1), folders.Work, 0.1, 10, 1, true, CancellationToken.None));

        Assert.Contains("text-pairs", wrongKind.Message, StringComparison.Ordinal);
        Assert.Contains("at least 2", tooSmall.Message, StringComparison.Ordinal);
    }
}
