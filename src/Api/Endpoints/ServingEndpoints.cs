using HttmOrleans.Api.Infrastructure;
using HttmOrleans.Api.Serving;
using HttmOrleans.Grains;
using HttmOrleans.Recommend.Serving;
using HttmOrleans.Grains.Jobs;

namespace HttmOrleans.Api.Endpoints;

internal static class ServingEndpoints
{
    public const int MaxN = 1000;

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/models/{id}").WithTags("serving");

        g.MapGet("/recommend", async (string id, string? user_id, int? n, string? version, bool? exclude_seen, string? allow, string? deny, string? user_features,
            RecentlySeenModels models, RecommendationServing serving, CancellationToken ct) =>
            await RecommendAsync(models, serving, id, user_id, n, version, exclude_seen, allow, deny, ct, user_features))
            .WithSummary("Top-N items for a user from the active (or a named) version; a new user is ranked from user_features=name=value,… when the model has user features, else gets popular items, flagged.");

        g.MapPost("/recommend/batch", async (string id, BatchRecommendRequest? body, RecentlySeenModels models, RecommendationServing serving, CancellationToken ct) =>
        {
            await models.RequireAsync(id);
            if (body?.UserIds is not { Count: > 0 } users) throw new ValidationException("user_ids", "Give at least one user id.");
            if (users.Count > 10_000) throw new ValidationException("user_ids", "At most 10000 users per call.");
            var count = CheckN(body.N);
            if (!UserFeaturesQuery.TryParse(body.UserFeatures, out var features, out var error)) return Problems.Unreadable("user_features", error!);
            var loaded = await serving.GetAsync(id, body.Version, ct);
            var options = new RecommendOptions { ExcludeSeen = body.ExcludeSeen ?? true, Allow = body.Allow, Deny = body.Deny, UserFeatures = features };
            var results = loaded.Model.RecommendBatch(users, count, options);
            return Results.Ok(new { model_id = id, version = loaded.Version, results = results.Select(View) });
        }).WithSummary("Top-N for many users in one call.").AllowAnonymous(); // Only computes: open like reads.

        g.MapGet("/similar", async (string id, string? item_id, int? n, string? version, RecentlySeenModels models, RecommendationServing serving, CancellationToken ct) =>
        {
            await models.RequireAsync(id);
            if (string.IsNullOrWhiteSpace(item_id)) throw Problems.Missing("item_id");
            var loaded = await serving.GetAsync(id, version, ct);
            if (!loaded.Model.SupportsSimilarItems) throw new ConflictException($"The {loaded.Model.Algorithm} algorithm has no item similarity.");
            var items = loaded.Model.SimilarItems(item_id, CheckN(n)) ?? throw new NotFoundException("item", item_id);
            return Results.Ok(new { model_id = id, version = loaded.Version, item_id, items = items.Select(i => new { item_id = i.ItemId, score = i.Score }) });
        }).WithSummary("Items most similar to an item.");
    }

    public static async Task<IResult> RecommendAsync(RecentlySeenModels models, RecommendationServing serving, string? id, string? userId, int? n,
        string? version, bool? excludeSeen, string? allow, string? deny, CancellationToken ct, string? userFeatures = null)
    {
        if (string.IsNullOrWhiteSpace(id)) throw Problems.Missing("model_id");
        if (string.IsNullOrWhiteSpace(userId)) throw Problems.Missing("user_id");
        var count = CheckN(n);
        if (!UserFeaturesQuery.TryParse(userFeatures, out var features, out var error)) return Problems.Unreadable("user_features", error!);
        await models.RequireAsync(id);
        var loaded = await serving.GetAsync(id, version, ct);
        var options = new RecommendOptions
        {
            ExcludeSeen = excludeSeen ?? true,
            Allow = allow?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Deny = deny?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            UserFeatures = features,
        };
        var result = loaded.Model.Recommend(userId, count, options);
        return Results.Ok(new
        {
            model_id = id, version = loaded.Version, user_id = userId,
            recommendations = result.Items.Select(i => new { item_id = i.ItemId, score = i.Score }),
            fallback = result.FellBackToPopularity ? "popularity" : null,
            from_request_features = result.FromRequestFeatures, unknown_features = result.UnknownFeatures,
        });
    }

    private static int CheckN(int? n)
    {
        var count = n ?? 10;
        if (count < 1 || count > MaxN) throw new ValidationException("n", $"Must be between 1 and {MaxN}.");
        return count;
    }

    private static object View(RecommendationResult r) => new
    {
        user_id = r.UserId, recommendations = r.Items.Select(i => new { item_id = i.ItemId, score = i.Score }),
        fallback = r.FellBackToPopularity ? "popularity" : null,
        from_request_features = r.FromRequestFeatures, unknown_features = r.UnknownFeatures,
    };
}
