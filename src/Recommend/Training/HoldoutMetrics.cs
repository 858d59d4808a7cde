using System.Globalization;
using HttmOrleans.Recommend.Evaluation;

namespace HttmOrleans.Recommend.Training;

/// <summary>Turns an evaluation report into the flat metric names stored on a model version.</summary>
internal static class HoldoutMetrics
{
    public static void Add(Dictionary<string, double> metrics, EvaluationReport report)
    {
        var k = report.K.ToString(CultureInfo.InvariantCulture);
        metrics["precision@" + k] = report.Precision;
        metrics["recall@" + k] = report.Recall;
        metrics["ndcg@" + k] = report.Ndcg;
        metrics["map@" + k] = report.Map;
        metrics["coverage"] = report.Coverage;
        metrics["users_evaluated"] = report.UsersEvaluated;

        // Rating errors only mean something for explicit ratings and a model that predicts them.
        if (report.Rmse is { } rmse)
        {
            metrics["rmse"] = rmse;
            metrics["mae"] = report.Mae ?? double.NaN;
            metrics["ratings_evaluated"] = report.RatingsEvaluated;
        }
    }
}
