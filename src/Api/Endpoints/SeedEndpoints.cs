using System.Text.Json.Nodes;
using HttmOrleans.Api.Infrastructure;
using HttmOrleans.Api.Serving;
using HttmOrleans.Grains;
using HttmOrleans.Grains.DataChefs;
using HttmOrleans.Grains.Models;
using HttmOrleans.Grains.Tasks;
using HttmOrleans.Grains.Jobs;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// The routes of the two seed servers, so their clients keep working. Mapped at the root and under /api/v1.
/// Shapes: see docs/api.md. A version's seed id is <c>{model_id}/{version}</c>.
/// </summary>
internal static class SeedEndpoints
{
    public static void Map(IEndpointRouteBuilder root)
    {
        var g = root.MapGroup("").WithTags("seed");

        // Summarization server.
        g.MapPost("/model/train", async (JsonObject? body, HttpContext http, IGrainFactory grains) =>
        {
            if (body is null) throw Problems.Missing("body");
            var modelId = Str(body, "model_id") ?? throw Problems.Missing("model_id");
            await ModelEndpoints.Require(grains, modelId, "model_id");
            var version = await ModelEndpoints.StartAsync(grains, modelId, new TrainRequest
            {
                Version = Str(body, "version"), DatasetId = Str(body, "dataset_id"), BaseVersion = Str(body, "base_version") ?? Str(body, "base_model_id"),
                Hyperparameters = body["hyperparameters"] as JsonObject ?? body["parameters"] as JsonObject, CreatedBy = RequestUser.Of(http),
            });
            return Results.Accepted($"/model/status/{VersionRef.KeyOf(modelId, version.Version)}", Status(version));
        });
        g.MapGet("/model/status/{**id}", async (string id, IGrainFactory grains) =>
        {
            var (model, version) = Split(id);
            return Status(await ModelEndpoints.RequireVersion(grains, model, version));
        });
        g.MapGet("/model/list", async (string? model_id, ClusterAdmin admin, IGrainFactory grains) =>
        {
            var models = model_id is null ? await ModelEndpoints.ListAsync(admin, grains) : [await ModelEndpoints.Require(grains, model_id, "model_id")];
            var list = new List<object>();
            foreach (var m in models)
            {
                var active = (await grains.GetGrain<IModelRegistryGrain>(m.Id).Get()).ActiveVersion;
                foreach (var v in m.Versions)
                    list.Add(Status(await ModelEndpoints.RequireVersion(grains, m.Id, v.Version), v.Version == active));
            }

            return Results.Ok(list);
        });
        g.MapGet("/model/active", async (string? model_id, ClusterAdmin admin, IGrainFactory grains) =>
        {
            var id = model_id ?? await OnlyModel(admin, grains);
            var registry = await SettledRegistry.GetAsync(grains, (await ModelEndpoints.Require(grains, id, "model_id")).Id);
            if (registry.ActiveVersion is null) throw new NotFoundException("active version of model", id);
            return Results.Ok(Status(await ModelEndpoints.RequireVersion(grains, id, registry.ActiveVersion), true));
        });
        g.MapPost("/model/activate", async (JsonObject? body, HttpContext http, IGrainFactory grains) =>
        {
            if (body is null) throw Problems.Missing("body");
            var (model, version) = Str(body, "id") is { } id ? Split(id)
                : (Str(body, "model_id") ?? throw Problems.Missing("model_id"), Str(body, "version") ?? throw Problems.Missing("version"));
            await ModelEndpoints.Require(grains, model, "model_id");
            var registry = await grains.GetGrain<IModelRegistryGrain>(model).Activate(version, RequestUser.Of(http));
            return Results.Ok(new { message = $"Version {version} of model {model} is active.", model_id = model, active_version = registry.ActiveVersion });
        });

        // Recommendation server.
        g.MapPost("/create_model", async (JsonObject? body, HttpContext http, IGrainFactory grains) =>
        {
            if (body is null) throw Problems.Missing("body");
            var id = Ids.OrNew(Str(body, "model_id") ?? Str(body, "model_name"), "model_id", "model");
            var algorithm = Str(body, "algorithm") ?? throw Problems.Missing("algorithm");
            var model = await grains.GetGrain<IModelGrain>(id).Create(new CreateModel
            {
                Name = Str(body, "model_name") ?? id, Kind = Str(body, "kind"), Algorithm = algorithm, Hyperparameters = body["hyperparameters"] as JsonObject,
                Description = Str(body, "description") ?? Str(body, "message"), DatasetId = Str(body, "dataset_id"), CreatedBy = RequestUser.Of(http),
                UserFeaturesDatasetId = Str(body, "user_features_dataset_id"), ItemFeaturesDatasetId = Str(body, "item_features_dataset_id"),
            });
            return Results.Created($"/get_model_info?model_id={id}", new { message = "Model created", model_id = id, model = SeedModel(model) });
        });
        g.MapGet("/list_models", async (ClusterAdmin admin, IGrainFactory grains) => (await ModelEndpoints.ListAsync(admin, grains)).Select(SeedModel));
        g.MapGet("/get_model_info", async (string? model_id, IGrainFactory grains) =>
            SeedModel(await ModelEndpoints.Require(grains, model_id ?? throw Problems.Missing("model_id"), "model_id")));
        g.MapDelete("/delete_model", async (string? model_id, IGrainFactory grains, VersionCleanup cleanup, CancellationToken ct) =>
        {
            var model = await cleanup.DeleteModelAsync(model_id ?? throw Problems.Missing("model_id"), ct);
            return Results.Ok(new { message = $"Model {model.Id} deleted", model_id = model.Id });
        });
        // Data chefs: flat seed bodies mapped onto the library's definitions (docs/api.md, "Data-chef seed bodies").
        MapSeedCreate(g, "/create_data_chef_from_csv", DataChefBodies.Csv);
        MapSeedCreate(g, "/create_data_chef_from_sql", DataChefBodies.Sql);
        MapSeedCreate(g, "/create_data_chef_from_api", DataChefBodies.Api);
        MapSeedCreate(g, "/create_data_chef_from_message_queue", DataChefBodies.MessageQueue);
        g.MapGet("/get_data_chef/{id}", async (string id, IGrainFactory grains) => DataChefSecrets.Redact(await DataChefEndpoints.Require(grains, id)));
        g.MapPut("/edit_data_chef/{id}", async (string id, JsonObject? body, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            if (body is null) throw Problems.Missing("body");
            var current = await DataChefEndpoints.Require(grains, id);
            var chef = await DataChefCommands.For(http).UpdateAsync(id, SeedEdit(body, current), ct);
            return Results.Ok(new { message = $"Data chef {chef.Id} updated", data_chef_id = chef.Id, data_chef = DataChefSecrets.Redact(chef) });
        });
        g.MapGet("/list_data_chefs", async (ClusterAdmin admin, IGrainFactory grains) =>
            (await DataChefEndpoints.ListAsync(admin, grains)).Select(DataChefSecrets.Redact));
        g.MapDelete("/delete_data_chef", async (string? data_chef_id, IGrainFactory grains) =>
        {
            var chef = await grains.GetGrain<IDataChefGrain>(data_chef_id ?? throw Problems.Missing("data_chef_id")).Delete();
            return Results.Ok(new { message = $"Data chef {chef.Id} deleted", data_chef_id = chef.Id });
        });
        g.MapPost("/add_model_task", async (JsonObject? body, HttpContext http, IGrainFactory grains) =>
        {
            if (body is null) throw Problems.Missing("body");
            var modelId = Str(body, "model_id") ?? throw Problems.Missing("model_id");
            var name = Ids.OrNew(Str(body, "task_name") ?? Str(body, "task_id") ?? modelId, "task_name", "task");
            var (chef, chefField) = TaskEndpoints.InteractionsChef(Str(body, "data_chef_id"), Str(body, "interactions_data_chef_id"));
            var task = await grains.GetGrain<ITrainingTaskGrain>(name).Create(new CreateTask
            {
                ModelId = modelId, DataChefId = chef, DataChefField = chefField, DatasetId = Str(body, "dataset_id"),
                UserFeaturesDataChefId = Str(body, "user_features_data_chef_id"), ItemFeaturesDataChefId = Str(body, "item_features_data_chef_id"),
                IntervalSeconds = Int(body, "interval"), Cron = Str(body, "cron"), CreatedBy = RequestUser.Of(http),
            });
            return Results.Created($"/api/v1/tasks/{name}", new { message = "Task added", task_name = name, task });
        });
        g.MapPost("/remove_model_task", async (JsonObject? body, IGrainFactory grains) =>
        {
            var name = TaskName(body);
            var task = await grains.GetGrain<ITrainingTaskGrain>(name).Remove();
            return Results.Ok(new { message = $"Task {task.Name} removed", task_name = task.Name });
        });
        g.MapGet("/list_tasks", async (ClusterAdmin admin, IGrainFactory grains) => await TaskEndpoints.ListAsync(admin, grains));
        g.MapPost("/update_task_interval", async (JsonObject? body, IGrainFactory grains) =>
        {
            var name = TaskName(body);
            var interval = Int(body!, "interval") ?? throw Problems.Missing("interval");
            var task = await grains.GetGrain<ITrainingTaskGrain>(name).ChangeSchedule(interval, null);
            return Results.Ok(new { message = $"Task {name} now runs every {interval} s", task_name = name, task });
        });
        g.MapPost("/restart_scheduler", async (HttpContext http, ClusterAdmin admin, IGrainFactory grains) =>
        {
            await grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Key).Start(RequestUser.Of(http));
            return await TaskEndpoints.StatusAsync(admin, grains);
        });
        g.MapPost("/stop_scheduler", async (HttpContext http, ClusterAdmin admin, IGrainFactory grains) =>
        {
            await grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Key).Stop(RequestUser.Of(http));
            return await TaskEndpoints.StatusAsync(admin, grains);
        });
        g.MapGet("/get_scheduler_status", async (ClusterAdmin admin, IGrainFactory grains) => await TaskEndpoints.StatusAsync(admin, grains));
        g.MapGet("/recommend", async (string? user_id, string? model_id, int? n, string? user_features, RecentlySeenModels models, RecommendationServing serving, CancellationToken ct) =>
            await ServingEndpoints.RecommendAsync(models, serving, model_id, user_id, n, null, null, null, null, ct, user_features));
    }

    private static void MapSeedCreate(RouteGroupBuilder g, string route, Func<JsonObject, DataChefDraft> read) =>
        g.MapPost(route, async (JsonObject? body, HttpContext http, CancellationToken ct) =>
        {
            var chef = await DataChefEndpoints.CreateAsync(read(body ?? throw Problems.Missing("body")), http, ct);
            return Results.Created($"/get_data_chef/{chef.Id}", new { message = "Data chef created", data_chef_id = chef.Id, data_chef = DataChefSecrets.Redact(chef) });
        });

    // A flat edit names only what changes: its fields go over the stored source of the same kind.
    private static DataChefDraft SeedEdit(JsonObject body, DataChefInfo current)
    {
        if (body["source"] is JsonObject) return DataChefBodies.Resource(body, update: true);
        var draft = current.SourceType switch
        {
            "sql" => DataChefBodies.Sql(body),
            "api" or "rest" => DataChefBodies.Api(body),
            "message_queue" or "rabbitmq" => DataChefBodies.MessageQueue(body),
            _ => DataChefBodies.Csv(body),
        };
        var merged = DataChefDefinitions.Canonical(current);
        // A CSV names its file one way: a new path replaces a stored upload and the other way round.
        if (draft.Source!.ContainsKey("path")) merged.Remove("upload_id");
        if (draft.Source.ContainsKey("upload_id")) merged.Remove("path");
        foreach (var (name, value) in draft.Source)
            if (value is not null) merged[name] = value.DeepClone();
        return draft with { Source = merged };
    }

    private static object Status(VersionInfo v, bool? active = null) => new
    {
        id = VersionRef.KeyOf(v.ModelId, v.Version), model_id = v.ModelId, version = v.Version, status = v.Status, progress = v.Progress,
        message = v.Message, metrics = v.Metrics, error = v.Error, is_active = active, created_at = v.CreatedAt, completed_at = v.CompletedAt,
        training_duration = v.TrainingDuration, base_version = v.BaseVersion, dataset_id = v.DatasetId, snapshot = v.Snapshot,
        user_features_dataset_id = v.UserFeaturesDatasetId, user_features_snapshot = v.UserFeaturesSnapshot,
        item_features_dataset_id = v.ItemFeaturesDatasetId, item_features_snapshot = v.ItemFeaturesSnapshot,
    };

    private static object SeedModel(ModelInfo m) => new
    {
        model_id = m.Id, model_name = m.Name, kind = m.Kind, algorithm = m.Algorithm, hyperparameters = m.Hyperparameters,
        description = m.Description, dataset_id = m.DatasetId, user_features_dataset_id = m.UserFeaturesDatasetId, item_features_dataset_id = m.ItemFeaturesDatasetId,
        created_at = m.CreatedAt, versions = m.Versions.Select(v => v.Version),
    };

    private static (string Model, string Version) Split(string id)
    {
        var slash = id.LastIndexOf('/');
        if (slash <= 0 || slash == id.Length - 1) throw new ValidationException("id", "Use '{model_id}/{version}'.");
        return (Ids.Require(id[..slash], "id"), Ids.Require(id[(slash + 1)..], "id"));
    }

    private static async Task<string> OnlyModel(ClusterAdmin admin, IGrainFactory grains)
    {
        var models = await ModelEndpoints.ListAsync(admin, grains);
        return models.Count == 1 ? models[0].Id : throw new ValidationException("model_id", "Required when the server has more than one model.");
    }

    private static string TaskName(JsonObject? body)
    {
        if (body is null) throw Problems.Missing("body");
        return Str(body, "task_name") ?? Str(body, "task_id") ?? Str(body, "model_id") ?? throw Problems.Missing("task_name");
    }

    private static string? Str(JsonObject body, string name) =>
        body[name] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;

    private static int? Int(JsonObject body, string name) =>
        body[name] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<int>(out var i) => i,
            JsonValue v when v.TryGetValue<string>(out var s) && int.TryParse(s, out var parsed) => parsed,
            _ => throw new ValidationException(name, "Must be a whole number of seconds."),
        };
}
