using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Serving;

namespace HttmOrleans.Recommend.Evaluation;

/// <summary>
/// Scores a model on held-out interactions: rating error where it applies, and top-K ranking over the full
/// catalogue with each user's training items excluded. Deterministic: per-user results are summed in user order.
/// </summary>
public static class Evaluator
{
    /// <summary>Evaluates <paramref name="model"/> against <paramref name="test"/>, matching users and items by external id.</summary>
    public static EvaluationReport Evaluate(TrainedRecommender model, InteractionLog test, EvaluationOptions? options = null)
    {
        options ??= new EvaluationOptions();
        var k = Math.Max(1, options.K);
        var userMap = MapIds(test.UserIds, model.UserIds);
        var itemMap = MapIds(test.ItemIds, model.ItemIds);

        // Relevant items per test user, in model item indexes (unknown items can never be recommended: still relevant).
        var relevantUsers = new List<int>();
        var relevant = new List<int>();
        var testByUser = CsrMatrix.FromCoordinates(test.UserIds.Count, test.ItemIds.Count, test.Users, test.Items, test.Ratings);
        var relevantStart = new List<int> { 0 };
        for (var u = 0; u < testByUser.Rows; u++)
        {
            var before = relevant.Count;
            var items = testByUser.RowIndices(u);
            var ratings = testByUser.RowValues(u);
            for (var n = 0; n < items.Length; n++)
            {
                if (options.RelevanceThreshold is not { } threshold || ratings[n] >= threshold)
                {
                    relevant.Add(itemMap[items[n]] >= 0 ? itemMap[items[n]] : -1 - items[n]);
                }
            }

            if (relevant.Count > before)
            {
                relevant.Sort(before, relevant.Count - before, null);
                relevantUsers.Add(u);
                relevantStart.Add(relevant.Count);
            }
        }

        var candidates = CandidateMask(model, options.CandidateItems);
        var perUser = new double[relevantUsers.Count * 4];
        var recommended = new bool[model.ItemCount];
        var relevantArray = relevant.ToArray();
        Parallel.For(0, relevantUsers.Count, () => (new int[k], new float[k]), (n, _, buffers) =>
        {
            var count = model.RecommendInto(userMap[relevantUsers[n]], buffers.Item1, buffers.Item2, candidates: candidates);
            var rel = relevantArray.AsSpan(relevantStart[n], relevantStart[n + 1] - relevantStart[n]);
            Score(buffers.Item1.AsSpan(0, count), rel, k, perUser.AsSpan(n * 4, 4));
            foreach (var item in buffers.Item1.AsSpan(0, count))
            {
                recommended[item] = true;
            }

            return buffers;
        }, _ => { });

        var sums = new double[4];
        for (var n = 0; n < relevantUsers.Count; n++)
        {
            for (var m = 0; m < 4; m++)
            {
                sums[m] += perUser[(n * 4) + m];
            }
        }

        var users = Math.Max(1, relevantUsers.Count);
        var report = new EvaluationReport
        {
            K = k,
            Precision = sums[0] / users,
            Recall = sums[1] / users,
            Ndcg = sums[2] / users,
            Map = sums[3] / users,
            Coverage = model.ItemCount == 0 ? 0 : (double)recommended.Count(r => r) / (candidates?.Count(c => c) ?? model.ItemCount),
            UsersEvaluated = relevantUsers.Count,
        };

        return model.CanPredictRatings && !test.Ratings.All(r => r == 1f) ? WithRatingErrors(report, model, test, userMap, itemMap) : report;
    }

    private static void Score(ReadOnlySpan<int> top, ReadOnlySpan<int> relevant, int k, Span<double> result)
    {
        double hits = 0, dcg = 0, averagePrecision = 0;
        for (var rank = 0; rank < top.Length; rank++)
        {
            if (relevant.BinarySearch(top[rank]) >= 0)
            {
                hits++;
                dcg += 1.0 / Math.Log2(rank + 2);
                averagePrecision += hits / (rank + 1);
            }
        }

        var ideal = Math.Min(k, relevant.Length);
        var idcg = 0.0;
        for (var rank = 0; rank < ideal; rank++)
        {
            idcg += 1.0 / Math.Log2(rank + 2);
        }

        result[0] = hits / k;
        result[1] = hits / relevant.Length;
        result[2] = dcg / idcg;
        result[3] = averagePrecision / ideal;
    }

    private static EvaluationReport WithRatingErrors(EvaluationReport report, TrainedRecommender model, InteractionLog test, int[] userMap, int[] itemMap)
    {
        double squared = 0, absolute = 0;
        var count = 0;
        for (var n = 0; n < test.Count; n++)
        {
            var u = userMap[test.Users[n]];
            var i = itemMap[test.Items[n]];
            if (u < 0 || i < 0 || model.Seen.RowLength(u) == 0)
            {
                continue;
            }

            var error = model.Scorer.PredictRating(u, i) - test.Ratings[n];
            squared += error * error;
            absolute += Math.Abs(error);
            count++;
        }

        return count == 0 ? report : report with
        {
            Rmse = Math.Sqrt(squared / count),
            Mae = absolute / count,
            RatingsEvaluated = count,
        };
    }

    private static bool[]? CandidateMask(TrainedRecommender model, IReadOnlyCollection<string>? ids)
    {
        if (ids is null)
        {
            return null;
        }

        var mask = new bool[model.ItemCount];
        foreach (var id in ids)
        {
            if (model.ItemIds.TryGetIndex(id, out var item))
            {
                mask[item] = true;
            }
        }

        return mask;
    }

    private static int[] MapIds(IdMap from, IdMap to)
    {
        var map = new int[from.Count];
        for (var n = 0; n < map.Length; n++)
        {
            map[n] = ReferenceEquals(from, to) ? n : to.TryGetIndex(from[n], out var index) ? index : -1;
        }

        return map;
    }
}
