using HttmOrleans.Api.Infrastructure;
using HttmOrleans.Grains;
using HttmOrleans.Grains.Tasks;
using HttmOrleans.Grains.Jobs;

namespace HttmOrleans.Api.Endpoints;

internal static class TaskEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/tasks").WithTags("tasks");

        g.MapPost("", async (CreateTaskRequest? body, HttpContext http, IGrainFactory grains) =>
        {
            if (body is null) throw Problems.Missing("body");
            var name = Ids.OrNew(body.Name, "name", "task");
            if (string.IsNullOrWhiteSpace(body.ModelId)) throw Problems.Missing("model_id");
            var (chef, chefField) = InteractionsChef(body.DataChefId, body.InteractionsDataChefId);
            var info = await grains.GetGrain<ITrainingTaskGrain>(name).Create(new CreateTask
            {
                ModelId = body.ModelId, DatasetId = body.DatasetId, DataChefId = chef, DataChefField = chefField, IntervalSeconds = body.Interval,
                Cron = body.Cron, Paused = body.Paused ?? false, CreatedBy = RequestUser.Of(http),
                UserFeaturesDataChefId = body.UserFeaturesDataChefId, ItemFeaturesDataChefId = body.ItemFeaturesDataChefId,
            });
            return Results.Created($"/api/v1/tasks/{name}", info);
        }).WithSummary("Retrain a model every `interval` seconds or on a `cron` schedule.");

        g.MapGet("", async (ClusterAdmin admin, int? limit, string? after, HttpContext http) =>
                await ListPage.ReadAsync<TaskInfo>(admin, GrainTypes.TrainingTask, limit, after, t => t.Name, http))
            .WithSummary("All tasks with their next run.");
        g.MapGet("/{name}", async (string name, IGrainFactory grains) => await Require(grains, name));

        g.MapPatch("/{name}", async (string name, ChangeTaskRequest? body, IGrainFactory grains) =>
        {
            if (body is null) throw Problems.Missing("body");
            return await grains.GetGrain<ITrainingTaskGrain>(name).ChangeSchedule(body.Interval, body.Cron);
        }).WithSummary("Change the interval or cron; applies at once.");

        g.MapPost("/{name}/pause", async (string name, IGrainFactory grains) => await grains.GetGrain<ITrainingTaskGrain>(name).Pause());
        g.MapPost("/{name}/resume", async (string name, IGrainFactory grains) => await grains.GetGrain<ITrainingTaskGrain>(name).Resume());
        g.MapPost("/{name}/run", async (string name, HttpContext http, IGrainFactory grains) =>
            Results.Accepted($"/api/v1/tasks/{name}", await grains.GetGrain<ITrainingTaskGrain>(name).RunNow(RequestUser.Of(http))))
            .WithSummary("Run now (409 while a run is going).");
        g.MapDelete("/{name}", async (string name, IGrainFactory grains) => await grains.GetGrain<ITrainingTaskGrain>(name).Remove());

        var s = api.MapGroup("/scheduler").WithTags("scheduler");
        s.MapGet("", async (ClusterAdmin admin, IGrainFactory grains) => await StatusAsync(admin, grains));
        s.MapPost("/stop", async (HttpContext http, ClusterAdmin admin, IGrainFactory grains) =>
        {
            await grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Key).Stop(RequestUser.Of(http));
            return await StatusAsync(admin, grains);
        }).WithSummary("Stop scheduled runs everywhere (run-now still works).");
        s.MapPost("/start", async (HttpContext http, ClusterAdmin admin, IGrainFactory grains) =>
        {
            await grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Key).Start(RequestUser.Of(http));
            return await StatusAsync(admin, grains);
        });
    }

    /// <summary>
    /// The interactions chef under either name: today's <c>data_chef_id</c> or the seed's <c>interactions_data_chef_id</c>;
    /// both naming different chefs is refused. Returns the chef and the field that named it.
    /// </summary>
    public static (string? Chef, string Field) InteractionsChef(string? dataChefId, string? interactionsDataChefId)
    {
        if (dataChefId is not null && interactionsDataChefId is not null && dataChefId != interactionsDataChefId)
            throw new ValidationException("interactions_data_chef_id", $"data_chef_id '{dataChefId}' and interactions_data_chef_id '{interactionsDataChefId}' name the same thing differently; give one.");
        return interactionsDataChefId is not null ? (interactionsDataChefId, "interactions_data_chef_id") : (dataChefId, "data_chef_id");
    }

    public static async Task<TaskInfo> Require(IGrainFactory grains, string name) =>
        await grains.GetGrain<ITrainingTaskGrain>(name).Get() ?? throw new NotFoundException("task", name);

    /// <summary>Every task, read from the store (no task grain is activated to list it).</summary>
    public static Task<List<TaskInfo>> ListAsync(ClusterAdmin admin, IGrainFactory grains) =>
        admin.ListStatesAsync<TaskInfo>(admin.GrainTypeName<ITrainingTaskGrain>());

    public static async Task<object> StatusAsync(ClusterAdmin admin, IGrainFactory grains)
    {
        var scheduler = await grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Key).Get();
        var tasks = await ListAsync(admin, grains);

        return new
        {
            running = !scheduler.Stopped,
            status = scheduler.Stopped ? "stopped" : "running",
            changed_at = scheduler.ChangedAt,
            changed_by = scheduler.ChangedBy,
            tasks = tasks.Count,
            paused_tasks = tasks.Count(t => t.Paused),
            running_tasks = tasks.Count(t => t.Current is not null),
            next_run = tasks.Select(t => TaskRunEndpoints.NextRunOf(t, scheduler)).Where(n => n is not null).Min(),
            silos = admin.ActiveSiloCount,
            jobs = tasks.Select(t => new
            {
                id = t.Name, model_id = t.ModelId, interval = t.IntervalSeconds, cron = t.Cron, paused = t.Paused, next_run_time = TaskRunEndpoints.NextRunOf(t, scheduler),
                interactions_data_chef_id = t.DataChefId, user_features_data_chef_id = t.UserFeaturesDataChefId, item_features_data_chef_id = t.ItemFeaturesDataChefId,
            }),
        };
    }
}
