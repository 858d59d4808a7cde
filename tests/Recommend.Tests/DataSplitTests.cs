using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Evaluation;
using HttmOrleans.Recommend.Synthetic;

namespace HttmOrleans.Recommend.Tests;

public sealed class DataSplitTests
{
    private static readonly InteractionLog Log = SyntheticInteractions.Generate(new SyntheticOptions { Users = 200, Items = 100, Interactions = 5_000 }).ToLog();

    [Fact]
    public void A_random_holdout_is_the_same_for_the_same_seed_and_partitions_the_log()
    {
        var first = DataSplit.RandomHoldout(Log, 0.2, seed: 3);
        var second = DataSplit.RandomHoldout(Log, 0.2, seed: 3);
        var other = DataSplit.RandomHoldout(Log, 0.2, seed: 4);

        Assert.Equal(first.Test.Items, second.Test.Items);
        Assert.Equal(first.Test.Users, second.Test.Users);
        Assert.NotEqual(first.Test.Items, other.Test.Items);
        Assert.Equal(Log.Count, first.Train.Count + first.Test.Count);
        Assert.InRange(first.Test.Count, Log.Count * 0.17, Log.Count * 0.23);
        Assert.Same(Log.UserIds, first.Test.UserIds);
    }

    [Fact]
    public void Leave_latest_out_holds_out_each_users_latest_interaction()
    {
        var split = DataSplit.LeaveLatestOut(Log);

        var latestTrain = new Dictionary<int, long>();
        for (var n = 0; n < split.Train.Count; n++)
        {
            latestTrain[split.Train.Users[n]] = Math.Max(latestTrain.GetValueOrDefault(split.Train.Users[n], long.MinValue), split.Train.Timestamps![n]);
        }

        Assert.Equal(split.Test.Users.Length, split.Test.Users.Distinct().Count());
        Assert.Equal(200, split.Test.Count);
        for (var n = 0; n < split.Test.Count; n++)
        {
            Assert.True(split.Test.Timestamps![n] >= latestTrain[split.Test.Users[n]]);
        }
    }

    [Fact]
    public void Users_with_too_few_interactions_stay_in_training()
    {
        var log = InteractionLog.FromInteractions([new("a", "x", 1, 10), new("a", "y", 1, 20), new("b", "x", 1, 5)]);

        var split = DataSplit.LeaveLatestOut(log);

        var held = Assert.Single(split.Test.Items);
        Assert.Equal("y", log.ItemIds[held]);
        Assert.Equal(2, split.Train.Count);
    }

    [Fact]
    public void Leave_latest_out_without_timestamps_says_why()
    {
        var log = InteractionLog.FromInteractions([new("a", "x"), new("a", "y")]);

        var error = Assert.Throws<ArgumentException>(() => DataSplit.LeaveLatestOut(log));
        Assert.Contains("timestamps", error.Message, StringComparison.Ordinal);
    }
}
