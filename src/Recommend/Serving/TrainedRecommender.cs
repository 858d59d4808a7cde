using System.Numerics;
using System.Runtime.InteropServices;
using HttmOrleans.Recommend.Data;

namespace HttmOrleans.Recommend.Serving;

/// <summary>
/// A fitted model ready to serve: id maps, each user's training items (to exclude them), popularity (the fallback
/// for unknown users) and the algorithm's scorer. Immutable, so any number of threads may read it at once.
/// </summary>
public sealed partial class TrainedRecommender
{
    private readonly ModelScorer _scorer;

    internal TrainedRecommender(string algorithm, string hyperparametersJson, IdMap userIds, IdMap itemIds, CsrMatrix seen, float[] popularity, ModelScorer scorer)
    {
        Algorithm = algorithm;
        HyperparametersJson = hyperparametersJson;
        UserIds = userIds;
        ItemIds = itemIds;
        Seen = seen;
        Popularity = popularity;
        _scorer = scorer;
    }

    internal TrainedRecommender(string algorithm, string hyperparametersJson, InteractionMatrix data, ModelScorer scorer)
        : this(algorithm, hyperparametersJson, data.UserIds, data.ItemIds, data.ByUser, PopularityOf(data), scorer)
    {
    }

    /// <summary>Name of the algorithm that produced the model.</summary>
    public string Algorithm { get; }

    /// <summary>The resolved hyperparameters as a JSON object.</summary>
    public string HyperparametersJson { get; }

    /// <summary>Number of users the model knows.</summary>
    public int UserCount => UserIds.Count;

    /// <summary>Number of items in the catalogue.</summary>
    public int ItemCount => ItemIds.Count;

    /// <summary>True when <see cref="PredictRating"/> is meaningful (svd, nmf, popularity's item means).</summary>
    public bool CanPredictRatings => _scorer.CanPredictRatings;

    /// <summary>True when <see cref="SimilarItems"/> is supported (every algorithm but popularity).</summary>
    public bool SupportsSimilarItems => _scorer.SupportsSimilarItems;

    internal IdMap UserIds { get; }

    internal IdMap ItemIds { get; }

    internal CsrMatrix Seen { get; }

    internal float[] Popularity { get; }

    internal ModelScorer Scorer => _scorer;

    /// <summary>True when the model saw <paramref name="userId"/> in training; other users get the popularity fallback.</summary>
    public bool KnowsUser(string userId) => TryGetKnownUser(userId, out _);

    /// <summary>Top-<paramref name="count"/> items for one user; an unknown user gets the popularity ranking, flagged.</summary>
    public RecommendationResult Recommend(string userId, int count, RecommendOptions? options = null)
    {
        options ??= RecommendOptions.Default;
        var filter = ItemFilter.Create(this, options);
        return RecommendOne(userId, count, filter, options.UserFeatures);
    }

    /// <summary>Top-N for many users in one call, spread over all cores; results are in input order.</summary>
    public IReadOnlyList<RecommendationResult> RecommendBatch(IReadOnlyList<string> userIds, int count, RecommendOptions? options = null)
    {
        options ??= RecommendOptions.Default;
        var filter = ItemFilter.Create(this, options);
        var results = new RecommendationResult[userIds.Count];
        Parallel.For(0, userIds.Count, n => results[n] = RecommendOne(userIds[n], count, filter, options.UserFeatures));
        return results;
    }

    /// <summary>The items most similar to <paramref name="itemId"/> (itself excluded); null for an unknown item.</summary>
    /// <exception cref="NotSupportedException">The algorithm has no item similarity (popularity).</exception>
    public IReadOnlyList<Recommendation>? SimilarItems(string itemId, int count)
    {
        if (!_scorer.SupportsSimilarItems)
        {
            throw new NotSupportedException($"{Algorithm} has no notion of item similarity.");
        }

        if (!ItemIds.TryGetIndex(itemId, out var item))
        {
            return null;
        }

        var scores = ScratchBuffer.Scores(ItemCount);
        _scorer.ScoreSimilar(item, scores);
        scores[item] = float.NegativeInfinity;
        return Collect(scores, count, ReadOnlySpan<int>.Empty, allowAll: true);
    }

    /// <summary>Predicted rating, or null when the user or item is unknown or the model does not predict ratings.</summary>
    public float? PredictRating(string userId, string itemId) =>
        CanPredictRatings && UserIds.TryGetIndex(userId, out var u) && ItemIds.TryGetIndex(itemId, out var i)
            ? _scorer.PredictRating(u, i)
            : null;

    /// <summary>
    /// Dense-index top-N used by evaluation: writes up to items.Length results best first and returns how many.
    /// A negative or untrained <paramref name="user"/> gets the popularity ranking. When <paramref name="candidates"/>
    /// is given only items it marks are ranked.
    /// </summary>
    internal int RecommendInto(int user, Span<int> items, Span<float> scores, bool excludeSeen = true, bool[]? candidates = null)
    {
        var buffer = ScratchBuffer.Scores(ItemCount);
        if (user >= 0 && (Seen.RowLength(user) > 0 || _scorer.CanScoreUser(user)))
        {
            FillScores(user, buffer, excludeSeen);
        }
        else
        {
            Popularity.CopyTo(buffer);
        }

        if (candidates is not null)
        {
            for (var i = 0; i < buffer.Length; i++)
            {
                if (!candidates[i])
                {
                    buffer[i] = float.NegativeInfinity;
                }
            }
        }

        var top = new TopK(items, scores);
        for (var i = 0; i < buffer.Length; i++)
        {
            var s = buffer[i];
            if (s > top.Threshold && s != float.NegativeInfinity)
            {
                top.Add(i, s);
            }
        }

        return top.SortDescending();
    }

    private static float[] PopularityOf(InteractionMatrix data)
    {
        var popularity = new float[data.ItemCount];
        for (var i = 0; i < popularity.Length; i++)
        {
            popularity[i] = data.ByItem.RowLength(i);
        }

        return popularity;
    }

    // A user in the id map without training rows (possible after a split) has no learned representation either.
    // A user known only by features (no training rows) is known to a scorer that can rank from them.
    private bool TryGetKnownUser(string userId, out int user) =>
        UserIds.TryGetIndex(userId, out user) && (Seen.RowLength(user) > 0 || _scorer.CanScoreUser(user));

    private RecommendationResult RecommendOne(string userId, int count, ItemFilter filter, IReadOnlyList<KeyValuePair<string, string>>? features)
    {
        var known = TryGetKnownUser(userId, out var user);
        var scores = ScratchBuffer.Scores(ItemCount);
        // Only a new user with request features needs the list: a known user's request allocates nothing more.
        List<string>? unknown = null;
        var fromFeatures = false;
        if (known)
        {
            FillScores(user, scores, filter.ExcludeSeen);
        }
        else if (features is { Count: > 0 } && _scorer.TryScoreNewUser(features, scores, unknown = []))
        {
            fromFeatures = true;
        }
        else
        {
            Popularity.CopyTo(scores);
        }

        foreach (var denied in filter.Deny)
        {
            scores[denied] = float.NegativeInfinity;
        }

        return new RecommendationResult(userId, Collect(scores, count, filter.Allow, filter.AllowAll), !known && !fromFeatures)
        {
            FromRequestFeatures = fromFeatures,
            UnknownFeatures = unknown ?? [],
        };
    }

    private void FillScores(int user, Span<float> scores, bool excludeSeen)
    {
        var seenItems = Seen.RowIndices(user);
        _scorer.ScoreAll(user, seenItems, Seen.RowValues(user), scores);
        if (excludeSeen)
        {
            foreach (var item in seenItems)
            {
                scores[item] = float.NegativeInfinity;
            }
        }
    }

    private static void AddAbove(ref TopK top, ReadOnlySpan<float> scores, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var s = scores[i];
            if (s > top.Threshold && s != float.NegativeInfinity)
            {
                top.Add(i, s);
            }
        }
    }

    private Recommendation[] Collect(ReadOnlySpan<float> scores, int count, ReadOnlySpan<int> allow, bool allowAll)
    {
        count = Math.Clamp(count, 0, ItemCount);
        Span<int> topItems = count <= 256 ? stackalloc int[count] : new int[count];
        Span<float> topScores = count <= 256 ? stackalloc float[count] : new float[count];
        var top = new TopK(topItems, topScores);
        if (allowAll)
        {
            // A vector of scores at a time: once the heap is full almost every vector is below its worst score.
            var width = Vector<float>.Count;
            var i = 0;
            for (; Vector.IsHardwareAccelerated && i + width <= scores.Length; i += width)
            {
                if (Vector.GreaterThanAny(Vector.LoadUnsafe(ref MemoryMarshal.GetReference(scores), (nuint)i), new Vector<float>(top.Threshold)))
                {
                    AddAbove(ref top, scores, i, i + width);
                }
            }

            AddAbove(ref top, scores, i, scores.Length);
        }
        else
        {
            foreach (var i in allow)
            {
                var s = scores[i];
                if (s > top.Threshold && s != float.NegativeInfinity)
                {
                    top.Add(i, s);
                }
            }
        }

        var n = top.SortDescending();
        var result = new Recommendation[n];
        for (var k = 0; k < n; k++)
        {
            result[k] = new Recommendation(ItemIds[topItems[k]], topScores[k]);
        }

        return result;
    }
}
