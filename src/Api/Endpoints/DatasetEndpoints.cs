using HttmOrleans.Api.Infrastructure;
using HttmOrleans.Grains;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Grains.Training;
using HttmOrleans.Grains.Jobs;
using Microsoft.Extensions.Options;

namespace HttmOrleans.Api.Endpoints;

internal static class DatasetEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/datasets").WithTags("datasets");

        g.MapPost("", async (CreateDatasetRequest? body, HttpContext http, IGrainFactory grains) =>
        {
            if (body is null) throw Problems.Missing("body");
            var id = Ids.OrNew(body.Id, "id", "ds");
            if (string.IsNullOrWhiteSpace(body.Kind)) throw Problems.Missing("kind");
            var info = await grains.GetGrain<IDatasetGrain>(id).Create(body.Name ?? id, body.Kind, body.Description, RequestUser.Of(http));
            return Results.Created($"/api/v1/datasets/{id}", info);
        }).WithSummary("Create a dataset of kind interactions, text-pairs or features.");

        g.MapGet("", async (ClusterAdmin admin, int? limit, string? after, HttpContext http) =>
                await ListPage.ReadAsync<DatasetInfo>(admin, GrainTypes.Dataset, limit, after, d => d.Id, http))
            .WithSummary("All datasets.");

        g.MapGet("/{id}", async (string id, IGrainFactory grains) => await Require(grains, id));

        g.MapDelete("/{id}", async (string id, IGrainFactory grains, DatasetStore store, CancellationToken ct) =>
        {
            await Require(grains, id);
            var was = await grains.GetGrain<IDatasetGrain>(id).Delete();
            await store.DeleteDatasetRowsAsync(id, ct);
            return Results.Ok(was);
        }).WithSummary("Delete a dataset with its samples and snapshots.");

        g.MapPost("/{id}/samples", async (string id, AddSamplesRequest? body, IGrainFactory grains, DatasetStore store, CancellationToken ct) =>
        {
            var dataset = await Require(grains, id);
            if (body is null) throw Problems.Missing("body");
            var samples = body.Samples ?? [new SampleRequest(body.UserId, body.ItemId, body.Rating, body.Timestamp, body.Document, body.Summary,
                body.EntityId, body.Feature, body.Value)];
            if (samples.Count == 0) throw new ValidationException("samples", "Give at least one sample.");
            var parsed = new List<object>();
            var errors = new List<FieldError>();
            for (var i = 0; i < samples.Count; i++)
            {
                var sample = SampleParsing.FromRequest(samples[i], dataset.Kind, out var error);
                if (error is not null) errors.Add(new FieldError(body.Samples is null ? "sample" : $"samples[{i}]", error));
                else parsed.Add(sample!);
            }

            if (errors.Count > 0) throw new ValidationException(errors);
            var ids = dataset.Kind switch
            {
                DatasetKinds.TextPairs => await store.AddTextPairsAsync(id, [.. parsed.Cast<TextPairSample>()], ct),
                DatasetKinds.Features => await store.AddFeaturesAsync(id, [.. parsed.Cast<FeatureSample>()], ct),
                _ => await store.AddInteractionsAsync(id, [.. parsed.Cast<InteractionSample>()], ct),
            };
            return Results.Created($"/api/v1/datasets/{id}/samples", new { dataset_id = id, added = ids.Length, ids });
        }).WithSummary("Add one sample or many (all or nothing).");

        g.MapPost("/{id}/import", (string id, HttpRequest request, IGrainFactory grains, DatasetStore store, GrainsOptions options,
                IOptions<UploadOptions> limits, CancellationToken ct) => DatasetImport.RunAsync(id, request, grains, store, options, limits.Value, ct))
            .WithSummary("Import samples from a CSV/TSV or JSONL body or multipart file, up to Httm:Uploads:MaxBytes (?format=csv|tsv|jsonl&mapping=from->to,…&on_error=refuse|skip; features also types=, buckets=, separator=).")
            .DisableAntiforgery();

        g.MapGet("/{id}/samples", async (string id, long? after, int? limit, IGrainFactory grains, DatasetStore store, CancellationToken ct) =>
        {
            await Require(grains, id);
            var take = Math.Clamp(limit ?? 100, 1, 1000);
            var rows = await store.ListAsync(id, after ?? 0, take, ct);
            return Results.Ok(new { dataset_id = id, samples = rows, next_after = rows.Count == take ? rows[^1].Id : (long?)null });
        }).WithSummary("Samples by id, paged with ?after=&limit=.");

        g.MapGet("/{id}/samples/{sampleId:long}", async (string id, long sampleId, IGrainFactory grains, DatasetStore store, CancellationToken ct) =>
        {
            await Require(grains, id);
            return await store.GetAsync(id, sampleId, ct) is { } row ? Results.Ok(row) : throw new NotFoundException("sample", $"{id}#{sampleId}");
        });

        g.MapPut("/{id}/samples/{sampleId:long}", async (string id, long sampleId, SampleRequest? body, IGrainFactory grains, DatasetStore store, CancellationToken ct) =>
        {
            var dataset = await Require(grains, id);
            if (body is null) throw Problems.Missing("body");
            var parsed = SampleParsing.FromRequest(body, dataset.Kind, out var error);
            if (error is not null) throw new ValidationException("sample", error);
            var row = parsed is FeatureSample feature
                ? new SampleRow(sampleId, null, null, null, null, null, null) { EntityId = feature.EntityId, Feature = feature.Feature, Value = feature.Value }
                : new SampleRow(sampleId, body.UserId, body.ItemId, body.Rating ?? (dataset.Kind == DatasetKinds.Interactions ? 1f : null),
                    body.Timestamp, body.Document, body.Summary);
            if (!await store.UpdateAsync(id, row, ct)) throw new NotFoundException("sample", $"{id}#{sampleId}");
            await grains.GetGrain<IDatasetGrain>(id).Touch(0);
            return Results.Ok(row);
        });

        g.MapDelete("/{id}/samples/{sampleId:long}", async (string id, long sampleId, IGrainFactory grains, DatasetStore store, CancellationToken ct) =>
        {
            await Require(grains, id);
            if (!await store.DeleteAsync(id, sampleId, ct)) throw new NotFoundException("sample", $"{id}#{sampleId}");
            await grains.GetGrain<IDatasetGrain>(id).Touch(-1);
            return Results.NoContent();
        });

        g.MapPost("/{id}/snapshots", async (string id, IGrainFactory grains, DatasetStore store, CancellationToken ct) =>
        {
            var dataset = await Require(grains, id);
            if (dataset.SampleCount == 0) throw new ConflictException($"Dataset '{id}' has no samples to snapshot.");
            return Results.Created($"/api/v1/datasets/{id}/snapshots", await store.SnapshotSamplesAsync(id, ct));
        }).WithSummary("Freeze the current samples into a new immutable snapshot.");

        g.MapGet("/{id}/snapshots", async (string id, IGrainFactory grains) => (await Require(grains, id)).Snapshots);
    }

    public static async Task<DatasetInfo> Require(IGrainFactory grains, string id) =>
        await grains.GetGrain<IDatasetGrain>(id).Get() ?? throw new NotFoundException("dataset", id);

    /// <summary>Every one, read from the store (no grain is activated to list it).</summary>
    public static Task<List<DatasetInfo>> ListAsync(ClusterAdmin admin, IGrainFactory grains) =>
        admin.ListStatesAsync<DatasetInfo>(admin.GrainTypeName<IDatasetGrain>());
}
