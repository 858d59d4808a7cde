using HttmOrleans.Api.Infrastructure;
using HttmOrleans.Api.Serving;
using HttmOrleans.Grains;
using HttmOrleans.Grains.Models;
using HttmOrleans.Grains.Jobs;

namespace HttmOrleans.Api.Endpoints;

internal static class ModelEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/algorithms", (TrainerCatalog trainers) => trainers.All.Select(t => new
        {
            kind = t.Kind, algorithm = t.Algorithm, description = t.Description, capability = t.Capability, parameters = t.Parameters,
        })).WithTags("models").WithSummary("Algorithms this server can train, with their hyperparameters and defaults.");

        TrainingEndpoints.Map(api);
        var g = api.MapGroup("/models").WithTags("models");

        g.MapPost("", async (CreateModelRequest? body, HttpContext http, IGrainFactory grains) =>
        {
            if (body is null) throw Problems.Missing("body");
            if (string.IsNullOrWhiteSpace(body.Algorithm)) throw Problems.Missing("algorithm");
            var id = Ids.OrNew(body.Id, "id", "model");
            var info = await grains.GetGrain<IModelGrain>(id).Create(new CreateModel
            {
                Name = body.Name, Kind = body.Kind, Algorithm = body.Algorithm, Hyperparameters = body.Hyperparameters,
                Description = body.Description, DatasetId = body.DatasetId, CreatedBy = RequestUser.Of(http),
                UserFeaturesDatasetId = body.UserFeaturesDatasetId, ItemFeaturesDatasetId = body.ItemFeaturesDatasetId,
            });
            return Results.Created($"/api/v1/models/{id}", info);
        }).WithSummary("Create a model: an algorithm with validated hyperparameters (defaults filled in).");

        g.MapGet("", async (ClusterAdmin admin, int? limit, string? after, HttpContext http) =>
            await ListPage.ReadAsync<ModelInfo>(admin, GrainTypes.Model, limit, after, m => m.Id, http))
            .WithSummary("Models in id order (?limit= and ?after= page; a Link header names the next page).");
        g.MapGet("/{id}", async (string id, IGrainFactory grains) => await Require(grains, id));

        g.MapPatch("/{id}", async (string id, UpdateModelRequest? body, IGrainFactory grains) =>
        {
            await Require(grains, id);
            if (body is null) throw Problems.Missing("body");
            var model = grains.GetGrain<IModelGrain>(id);
            if (body.UserFeaturesDatasetId is not null || body.ItemFeaturesDatasetId is not null)
                await model.SetFeatureDatasets(body.UserFeaturesDatasetId, body.ItemFeaturesDatasetId);
            return await model.Update(body.Hyperparameters, body.Description, body.DatasetId);
        });

        g.MapDelete("/{id}", async (string id, IGrainFactory grains, VersionCleanup cleanup, CancellationToken ct) =>
        {
            return Results.Ok(await cleanup.DeleteModelAsync(id, ct));
        }).WithSummary("Delete a model, its versions and their artifacts.");

        g.MapPost("/{id}/versions", async (string id, TrainVersionRequest? body, HttpContext http, IGrainFactory grains) =>
        {
            await Require(grains, id);
            body ??= new TrainVersionRequest(null, null, null, null, null);
            var started = await StartAsync(grains, id, new TrainRequest
            {
                Version = body.Version, DatasetId = body.DatasetId, Snapshot = body.Snapshot, BaseVersion = body.BaseVersion,
                Hyperparameters = body.Hyperparameters, CreatedBy = RequestUser.Of(http),
            });
            return Results.Accepted($"/api/v1/models/{id}/versions/{started.Version}", started);
        }).WithSummary("Train a new version (or retrain from base_version); answers 202 with the queued version.");

        g.MapGet("/{id}/versions", async (string id, IGrainFactory grains) =>
        {
            var model = await Require(grains, id);
            var list = new List<VersionInfo>();
            foreach (var v in model.Versions)
                list.Add(await grains.GetGrain<IModelVersionGrain>(v.Key).Get() ?? Initializing(model, v));
            return list;
        });

        g.MapGet("/{id}/versions/{version}", async (string id, string version, IGrainFactory grains) => await RequireVersion(grains, id, version));

        g.MapPost("/{id}/versions/{version}/cancel", async (string id, string version, HttpContext http, IGrainFactory grains) =>
        {
            await RequireVersion(grains, id, version);
            return await grains.GetGrain<IModelVersionGrain>(VersionRef.KeyOf(id, version)).Cancel(RequestUser.Of(http));
        }).WithSummary("Stop a queued or running training.");

        g.MapDelete("/{id}/versions/{version}", async (string id, string version, IGrainFactory grains, VersionCleanup cleanup, CancellationToken ct) =>
        {
            await RequireVersion(grains, id, version);
            return Results.Ok(await cleanup.DeleteAsync(id, version, force: false, ct));
        }).WithSummary("Delete a finished version and its artifact (refused for the active version).");

        g.MapGet("/{id}/versions/{version}/events", (string id, string version, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            ProgressStream.WriteAsync(http, grains, id, version, ct))
            .WithSummary("Server-Sent Events: the version's progress until it ends.");

        g.MapGet("/{id}/compare", async (string id, string? versions, IGrainFactory grains) =>
        {
            var model = await Require(grains, id);
            var names = (versions ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (names.Length < 2) throw new ValidationException("versions", "Name two or more versions: ?versions=v1,v2.");
            foreach (var name in names) Ids.Require(name, "versions");
            if (names.Distinct(StringComparer.Ordinal).Count() != names.Length) throw new ValidationException("versions", "Name each version once.");
            var infos = new List<VersionInfo>();
            foreach (var name in names) infos.Add(await RequireVersion(grains, id, name));
            var metrics = infos.SelectMany(v => v.Metrics.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
            return Results.Ok(new
            {
                model_id = model.Id,
                versions = infos.Select(v => new { v.Version, v.Status, v.Metrics, v.Parameters, v.DatasetId, v.Snapshot, v.TrainingDuration, v.BaseVersion }),
                metrics = metrics.ToDictionary(m => m, m => infos.ToDictionary(v => v.Version, v => v.Metrics.TryGetValue(m, out var x) ? x : (double?)null)),
            });
        }).WithSummary("Metrics of several versions side by side (?versions=v1,v2).");

        g.MapGet("/{id}/registry", async (string id, IGrainFactory grains) =>
        {
            await Require(grains, id);
            return await grains.GetGrain<IModelRegistryGrain>(id).Get();
        }).WithTags("registry");

        g.MapGet("/{id}/registry/active", async (string id, IGrainFactory grains) => await ActiveAsync(grains, id)).WithTags("registry");

        g.MapPost("/{id}/registry/activate", async (string id, ActivateRequest? body, HttpContext http, IGrainFactory grains) =>
        {
            await Require(grains, id);
            if (string.IsNullOrWhiteSpace(body?.Version)) throw Problems.Missing("version");
            return await grains.GetGrain<IModelRegistryGrain>(id).Activate(body.Version, RequestUser.Of(http));
        }).WithTags("registry").WithSummary("Make a completed version the active one (409 otherwise).");

        g.MapPost("/{id}/registry/rollback", async (string id, HttpContext http, IGrainFactory grains) =>
        {
            await Require(grains, id);
            return await grains.GetGrain<IModelRegistryGrain>(id).Rollback(RequestUser.Of(http));
        }).WithTags("registry").WithSummary("Go back to the previously active version.");
    }

    public static async Task<VersionInfo> StartAsync(IGrainFactory grains, string id, TrainRequest request)
    {
        var reference = await grains.GetGrain<IModelGrain>(id).StartTraining(request);
        // The model also sent this through its outbox; calling now makes the version visible at once. Start is idempotent.
        var model = await Require(grains, id);
        var summary = model.Versions.Find(v => v.Version == reference.Version)!;
        return await grains.GetGrain<IModelVersionGrain>(reference.Key).Get() ?? Initializing(model, summary);
    }

    /// <summary>The model, or 404 naming <paramref name="field"/> when the id came from a body or query field.</summary>
    public static async Task<ModelInfo> Require(IGrainFactory grains, string id, string? field = null) =>
        await grains.GetGrain<IModelGrain>(id).Get() ?? throw new NotFoundException("model", id, field);

    public static async Task<VersionInfo> RequireVersion(IGrainFactory grains, string id, string version)
    {
        var model = await Require(grains, id);
        var summary = model.Versions.Find(v => v.Version == version) ?? throw new NotFoundException("version", VersionRef.KeyOf(id, version));
        return await grains.GetGrain<IModelVersionGrain>(summary.Key).Get() ?? Initializing(model, summary);
    }

    public static async Task<object> ActiveAsync(IGrainFactory grains, string id)
    {
        await Require(grains, id);
        var registry = await SettledRegistry.GetAsync(grains, id);
        if (registry.ActiveVersion is null) throw new NotFoundException("active version of model", id);
        return new { model_id = id, active_version = registry.ActiveVersion, activated_at = registry.ActivatedAt, version = await RequireVersion(grains, id, registry.ActiveVersion) };
    }

    /// <summary>Every one, read from the store (no grain is activated to list it).</summary>
    public static Task<List<ModelInfo>> ListAsync(ClusterAdmin admin, IGrainFactory grains) =>
        admin.ListStatesAsync<ModelInfo>(admin.GrainTypeName<IModelGrain>());

    /// <summary>A version the model accepted whose grain has not received its start yet.</summary>
    private static VersionInfo Initializing(ModelInfo model, VersionSummary v) => new()
    {
        ModelId = model.Id, Version = v.Version, Kind = model.Kind, Algorithm = model.Algorithm, Status = VersionStatus.Initializing,
        CreatedAt = v.CreatedAt, CreatedBy = v.CreatedBy, Message = "accepted",
    };
}
