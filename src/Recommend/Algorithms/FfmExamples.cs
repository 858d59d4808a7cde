using System.Collections;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Numerics;

namespace HttmOrleans.Recommend.Algorithms;

/// <summary>
/// The FFM training examples, generated afresh for each pass ML.NET makes (it enumerates once per iteration):
/// every interaction as a positive plus <c>negatives</c> unseen items per positive, drawn uniformly among items
/// that have interactions (an item never seen in training is not evidence against its features), all in a seeded
/// random order. Pass p uses seeds derived from (seed, p), so the sequence is the same on every run.
/// </summary>
internal sealed class FfmExamples : IEnumerable<FfmExample>
{
    private const int Attempts = 8;
    private const int CheckEvery = 1 << 14;

    private readonly InteractionMatrix _data;
    private readonly FfmLayout _layout;
    private readonly int _negatives;
    private readonly int _seed;
    private readonly int _passes;
    private readonly IProgress<FitProgress>? _progress;
    private readonly CancellationToken _cancellationToken;
    private readonly int[] _positiveUsers;
    private readonly int[] _warmItems;
    private int _pass;

    public FfmExamples(InteractionMatrix data, FfmLayout layout, int negatives, int seed, int passes, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        _data = data;
        _layout = layout;
        _negatives = negatives;
        _seed = seed;
        _passes = passes;
        _progress = progress;
        _cancellationToken = cancellationToken;
        _positiveUsers = new int[data.ByUser.Count];
        for (var u = 0; u < data.UserCount; u++)
        {
            _positiveUsers.AsSpan(data.ByUser.RowPointers[u], data.ByUser.RowLength(u)).Fill(u);
        }

        _warmItems = [.. Enumerable.Range(0, data.ItemCount).Where(i => layout.WarmItems[i])];
    }

    public IEnumerator<FfmExample> GetEnumerator()
    {
        var pass = _pass++;
        _progress?.Report(new FitProgress(0.95 * Math.Min(pass, _passes) / _passes, $"ML.NET FFM pass {Math.Min(pass + 1, _passes)} of {_passes}"));
        return Pass(pass);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerator<FfmExample> Pass(int pass)
    {
        var perPositive = 1 + _negatives;
        var positives = _positiveUsers.Length;
        var negatives = DrawNegatives(new Random(Seeds.Derive(_seed, pass, 1)));
        var order = new int[positives * perPositive];
        for (var n = 0; n < order.Length; n++)
        {
            order[n] = n;
        }

        new Random(Seeds.Derive(_seed, pass, 2)).Shuffle(order);
        var items = _data.ByUser.ColumnIndices;
        var example = new FfmExample();
        for (var n = 0; n < order.Length; n++)
        {
            if (n % CheckEvery == 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
            }

            var positive = order[n] / perPositive;
            var slot = order[n] % perPositive;
            var user = _positiveUsers[positive];
            var item = slot == 0 ? items[positive] : negatives[(positive * _negatives) + slot - 1];
            example.User = _layout.UserIdentity[user];
            example.Item = _layout.ItemIdentity[item];
            example.UserFeatures = _layout.UserFeatures[user];
            example.ItemFeatures = _layout.ItemFeatures[item];
            example.Label = slot == 0;
            yield return example;
        }
    }

    private int[] DrawNegatives(Random random)
    {
        var drawn = new int[_positiveUsers.Length * _negatives];
        for (var positive = 0; positive < _positiveUsers.Length; positive++)
        {
            var seen = _data.ByUser.RowIndices(_positiveUsers[positive]);
            for (var s = 0; s < _negatives; s++)
            {
                var item = _warmItems[random.Next(_warmItems.Length)];

                // A user who has seen nearly everything keeps the last draw: a rare false negative beats a stall.
                for (var attempt = 1; attempt < Attempts && seen.BinarySearch(item) >= 0; attempt++)
                {
                    item = _warmItems[random.Next(_warmItems.Length)];
                }

                drawn[(positive * _negatives) + s] = item;
            }
        }

        return drawn;
    }
}
