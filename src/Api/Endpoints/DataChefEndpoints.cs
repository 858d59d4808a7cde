using System.Text.Json.Nodes;
using HttmOrleans.Api.Infrastructure;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Queue;
using HttmOrleans.Grains;
using HttmOrleans.Grains.DataChefs;
using HttmOrleans.Grains.Jobs;
using Microsoft.Extensions.Options;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// Data chefs of every source kind (csv, sql, rest, rabbitmq; kafka, mongodb and mysql answer 501).
/// Definitions are validated with the data-chef library before anything is stored; secrets never leave.
/// </summary>
internal static class DataChefEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/datachefs").WithTags("data chefs");
        g.MapPost("", async (JsonObject? body, HttpContext http, CancellationToken ct) =>
        {
            var chef = await CreateAsync(DataChefBodies.Resource(body ?? throw Problems.Missing("body"), update: false), http, ct);
            return Results.Created($"/api/v1/datachefs/{chef.Id}", DataChefSecrets.Redact(chef));
        }).WithSummary("Create a data chef: {id?, name, kind?, dataset_id?, mapping?, source:{kind: csv|sql|rest|rabbitmq, …}}.");
        g.MapGet("", async (ClusterAdmin admin, int? limit, string? after, HttpContext http) =>
                (await ListPage.ReadAsync<DataChefInfo>(admin, GrainTypes.DataChef, limit, after, c => c.Id, http)).Select(DataChefSecrets.Redact))
            .WithSummary("Every data chef, secrets redacted.");
        g.MapGet("/{id}", async (string id, IGrainFactory grains) => DataChefSecrets.Redact(await Require(grains, id)))
            .WithSummary("One data chef, secrets redacted.");
        g.MapPut("/{id}", async (string id, JsonObject? body, HttpContext http, CancellationToken ct) =>
        {
            var draft = DataChefBodies.Resource(body ?? throw Problems.Missing("body"), update: true);
            return DataChefSecrets.Redact(await DataChefCommands.For(http).UpdateAsync(id, draft, ct));
        }).WithSummary("Replace source, mapping and dataset; '***' or a left-out secret keeps the stored one.");
        g.MapDelete("/{id}", async (string id, IGrainFactory grains) => DataChefSecrets.Redact(await grains.GetGrain<IDataChefGrain>(id).Delete()));
        g.MapPost("/{id}/materialize", async (string id, HttpContext http, IGrainFactory grains) =>
            Results.Accepted($"/api/v1/datachefs/{id}", DataChefSecrets.Redact(await grains.GetGrain<IDataChefGrain>(id).Materialize(RequestUser.Of(http), null, null))))
            .WithSummary("Materialize into a new dataset snapshot (a job on a silo).");
        g.MapPost("/{id}/preview", async (string id, int? n, int? timeout_seconds, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
        {
            var chef = await Require(grains, id);
            var definition = MaterializeJobHandler.Definition(chef.SourceType, chef.Source);
            var environment = DataChefCommands.For(http).Environment(chef.Id);
            return await DataChefPreview.RunAsync(definition, chef.Mapping, DataChefDefinitions.DatasetKindOf(chef.Kind), environment, n, timeout_seconds, ct, chef.Features);
        }).WithSummary("The first n (default 20) mapped rows, detected columns and validation report; stores and acknowledges nothing.")
          .ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status504GatewayTimeout);
        g.MapPost("/preview", async (JsonObject? body, int? n, int? timeout_seconds, HttpContext http, CancellationToken ct) =>
        {
            var draft = DataChefBodies.Resource(body ?? throw Problems.Missing("body"), update: false);
            var kind = DataChefDefinitions.DatasetKindOf(draft.DatasetKind);
            var definition = DataChefDefinitions.Parse(draft.Source ?? throw Problems.Missing("source"), draft);
            // An unsaved definition has no chef scope, so it dedupes against nothing stored.
            var environment = DataChefCommands.For(http).Environment("preview", new InMemoryProcessedMessageLog());
            DataChefDefinitions.Validate(definition, draft, draft.Mapping, kind, environment);
            return await DataChefPreview.RunAsync(definition, draft.Mapping, kind, environment, n, timeout_seconds, ct, draft.Features);
        }).WithSummary("Preview an unsaved definition (same body as create).")
          .ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status504GatewayTimeout);
        g.MapPost("/uploads", (HttpRequest request, GrainsOptions options, IOptions<UploadOptions> limits, CancellationToken ct) =>
                DataChefUploads.UploadAsync(request, options, limits.Value, ct))
            .WithSummary("Upload a CSV (multipart file, or the raw body with ?file_name=), up to Httm:Uploads:MaxBytes; answers the upload_id for a CSV source.")
            .DisableAntiforgery();
        g.MapGet("/uploads", DataChefUploads.ListAsync).WithSummary("Every upload: id, file name, bytes, created_at and the chefs that use it.");
        g.MapDelete("/uploads/{id}", DataChefUploads.DeleteAsync).WithSummary("Delete an upload no data chef uses (409 while one does).");
    }

    public static Task<DataChefInfo> CreateAsync(DataChefDraft draft, HttpContext http, CancellationToken ct) =>
        DataChefCommands.For(http).CreateAsync(draft, RequestUser.Of(http), ct);

    public static async Task<DataChefInfo> Require(IGrainFactory grains, string id) =>
        await grains.GetGrain<IDataChefGrain>(id).Get() ?? throw new NotFoundException("data chef", id);

    /// <summary>Every one, read from the store (no grain is activated to list it).</summary>
    public static Task<List<DataChefInfo>> ListAsync(ClusterAdmin admin, IGrainFactory grains) =>
        admin.ListStatesAsync<DataChefInfo>(admin.GrainTypeName<IDataChefGrain>());
}
