using System.Globalization;

namespace HttmOrleans.Recommend.Evaluation;

/// <summary>Metrics of one model on one test split; <see cref="Metrics"/> is what a model version stores.</summary>
public sealed record EvaluationReport
{
    /// <summary>List length the ranking metrics use.</summary>
    public required int K { get; init; }

    /// <summary>Root mean squared rating error, when the model predicts ratings and the data has them.</summary>
    public double? Rmse { get; init; }

    /// <summary>Mean absolute rating error, same conditions as <see cref="Rmse"/>.</summary>
    public double? Mae { get; init; }

    /// <summary>Mean over test users of hits / K.</summary>
    public required double Precision { get; init; }

    /// <summary>Mean over test users of hits / relevant items.</summary>
    public required double Recall { get; init; }

    /// <summary>Mean normalised discounted cumulative gain (binary relevance).</summary>
    public required double Ndcg { get; init; }

    /// <summary>Mean average precision, normalised by min(K, relevant items).</summary>
    public required double Map { get; init; }

    /// <summary>Share of the catalogue that appears in at least one user's top K.</summary>
    public required double Coverage { get; init; }

    /// <summary>Users with at least one relevant test item.</summary>
    public required int UsersEvaluated { get; init; }

    /// <summary>Test ratings the model could predict (known user and item).</summary>
    public int RatingsEvaluated { get; init; }

    /// <summary>Flat metric names as stored on a model version: rmse, mae, precision@10, ndcg@10, …</summary>
    public IReadOnlyDictionary<string, double> Metrics
    {
        get
        {
            var k = K.ToString(CultureInfo.InvariantCulture);
            var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["precision@" + k] = Precision,
                ["recall@" + k] = Recall,
                ["ndcg@" + k] = Ndcg,
                ["map@" + k] = Map,
                ["coverage@" + k] = Coverage,
                ["users_evaluated"] = UsersEvaluated,
            };
            if (Rmse is { } rmse)
            {
                metrics["rmse"] = rmse;
                metrics["mae"] = Mae ?? double.NaN;
                metrics["ratings_evaluated"] = RatingsEvaluated;
            }

            return metrics;
        }
    }
}
