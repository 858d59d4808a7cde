using System.Text.Json.Nodes;
using HttmOrleans.Api.Infrastructure;
using HttmOrleans.Grains;
using HttmOrleans.Grains.DataChefs;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Runtime;
using HttmOrleans.Runtime.Hosting;

namespace HttmOrleans.Api.Endpoints;

/// <summary>Data chefs. This build validates CSV sources; other kinds arrive with the data-chef issue.</summary>
internal static class DataChefEndpoints
{
    private static readonly string[] SecretNames = ["password", "token", "bearer_token", "connection_string", "api_key", "secret", "authorization"];

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/datachefs").WithTags("data chefs");
        g.MapPost("", async (JsonObject? body, HttpContext http, IGrainFactory grains, GrainsOptions options) =>
            Results.Created("/api/v1/datachefs", await CreateCsvAsync(body, http, grains, options)))
            .WithSummary("Create a CSV data chef: {name, source:{file_path, delimiter?}, mapping, dataset_id?}.");
        g.MapGet("", async (ClusterAdmin admin, IGrainFactory grains) => (await ListAsync(admin, grains)).Select(Redact));
        g.MapGet("/{id}", async (string id, IGrainFactory grains) => Redact(await Require(grains, id)));
        g.MapDelete("/{id}", async (string id, IGrainFactory grains) => Redact(await grains.GetGrain<IDataChefGrain>(id).Delete()));
        g.MapPost("/{id}/materialize", async (string id, HttpContext http, IGrainFactory grains) =>
            Results.Accepted($"/api/v1/datachefs/{id}", Redact(await grains.GetGrain<IDataChefGrain>(id).Materialize(RequestUser.Of(http), null, null))));
    }

    public static async Task<DataChefInfo> CreateCsvAsync(JsonObject? body, HttpContext http, IGrainFactory grains, GrainsOptions options)
    {
        if (body is null) throw Problems.Missing("body");
        var source = body["source"] as JsonObject ?? new JsonObject
        {
            ["file_path"] = body["file_path"]?.DeepClone() ?? body["path"]?.DeepClone(),
            ["delimiter"] = body["delimiter"]?.DeepClone(),
        };
        var path = source["file_path"]?.GetValue<string>() ?? source["path"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(path)) throw Problems.Missing("file_path");
        var root = Path.GetFullPath(options.DataDirectory);
        var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(root, path));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ValidationException("file_path", $"Must be inside the data root {root}.");
        if (!File.Exists(full)) throw new ValidationException("file_path", $"No file at {full}.");
        source["file_path"] = full;
        var kind = body["kind"]?.GetValue<string>() ?? DatasetKinds.Interactions;
        if (!DatasetKinds.IsKnown(kind)) throw new ValidationException("kind", "Must be interactions or text-pairs.");
        var mapping = body["mapping"]?.GetValue<string>() ?? body["rename_columns"]?.GetValue<string>();
        SampleImport.ParseMapping(mapping);
        var id = Ids.OrNew(body["id"]?.GetValue<string>() ?? body["data_chef_id"]?.GetValue<string>(), "id", "chef");
        var datasetId = body["dataset_id"]?.GetValue<string>() ?? id;
        var dataset = await grains.GetGrain<IDatasetGrain>(datasetId).Get();
        if (dataset is null) await grains.GetGrain<IDatasetGrain>(datasetId).Create(datasetId, kind, $"filled by data chef {id}", RequestUser.Of(http));
        else if (dataset.Kind != kind) throw new ValidationException("dataset_id", $"Dataset '{datasetId}' holds {dataset.Kind}, not {kind}.");
        return await grains.GetGrain<IDataChefGrain>(id).Create(new DataChefInfo
        {
            Name = body["name"]?.GetValue<string>() ?? id, SourceType = "csv", Source = source, Mapping = mapping,
            DatasetId = datasetId, Kind = kind, CreatedBy = RequestUser.Of(http),
        });
    }

    public static async Task<DataChefInfo> Require(IGrainFactory grains, string id) =>
        await grains.GetGrain<IDataChefGrain>(id).Get() ?? throw new NotFoundException("data chef", id);

    public static async Task<List<DataChefInfo>> ListAsync(ClusterAdmin admin, IGrainFactory grains)
    {
        var keys = await admin.ListGrainsAsync(admin.GrainTypeName<IDataChefGrain>(), max: 10_000);
        var list = new List<DataChefInfo>();
        foreach (var (key, _) in keys)
            if (await grains.GetGrain<IDataChefGrain>(key).Get() is { } c) list.Add(c);
        return list;
    }

    /// <summary>A copy with every secret-looking value replaced; the stored definition keeps them.</summary>
    public static DataChefInfo Redact(DataChefInfo chef)
    {
        var source = (JsonObject)chef.Source.DeepClone();
        foreach (var name in source.Select(p => p.Key).ToList())
            if (SecretNames.Any(s => name.Contains(s, StringComparison.OrdinalIgnoreCase)) && source[name] is not null) source[name] = "***";
        return new DataChefInfo
        {
            Id = chef.Id, Name = chef.Name, SourceType = chef.SourceType, Source = source, Mapping = chef.Mapping, DatasetId = chef.DatasetId,
            Kind = chef.Kind, CreatedBy = chef.CreatedBy, CreatedAt = chef.CreatedAt, RunningJob = chef.RunningJob, Last = chef.Last,
        };
    }
}
