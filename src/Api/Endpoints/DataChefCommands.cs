using System.Text.Json.Nodes;
using HttmOrleans.Api.Infrastructure;
using HttmOrleans.DataChefs;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.DataChefs.Pipeline;
using HttmOrleans.DataChefs.Queue;
using HttmOrleans.Grains;
using HttmOrleans.Grains.DataChefs;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Grains.Jobs;
using HttmOrleans.Storage;
using RabbitMQ.Client.Exceptions;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// Creating and replacing data chefs. Everything is checked first (definition, mapping, dataset kind,
/// the broker's queue), then the dataset and the chef are written, so a refused request stores nothing.
/// </summary>
internal sealed class DataChefCommands(IGrainFactory grains, GrainsOptions options, HttmDatabase db)
{
    /// <summary>The commands with this request's services (the API registers no type of its own for them).</summary>
    public static DataChefCommands For(HttpContext http) => new(
        http.RequestServices.GetRequiredService<IGrainFactory>(), http.RequestServices.GetRequiredService<GrainsOptions>(),
        http.RequestServices.GetRequiredService<HttmDatabase>());

    /// <summary>What a chef's source may touch from this node (data root, uploads, the processed-message log).</summary>
    public SourceEnvironment Environment(string chefId, IProcessedMessageLog? messageLog = null) => MaterializeJobHandler.Environment(options, db, chefId, messageLog);

    public async Task<DataChefInfo> CreateAsync(DataChefDraft draft, string user, CancellationToken ct)
    {
        var id = Ids.OrNew(draft.Id, draft.IdField, "chef");
        // GET /api/v1/datachefs/uploads lists uploads, so a chef of that name could never be read back.
        if (id == "uploads") throw new ValidationException(draft.IdField, "'uploads' is reserved (GET /api/v1/datachefs/uploads lists uploads); choose another id.");
        var datasetId = Ids.Require(draft.DatasetId ?? id, "dataset_id");

        // Without dataset_kind a chef fills the dataset it names as that dataset is; a new dataset holds interactions.
        var dataset = await grains.GetGrain<IDatasetGrain>(datasetId).Get();
        var kind = DataChefDefinitions.DatasetKindOf(draft.DatasetKind ?? dataset?.Kind);
        var source = draft.Source ?? throw Problems.Missing("source");
        var definition = DataChefDefinitions.Parse(source, draft);
        DataChefDefinitions.Validate(definition, draft, draft.Mapping, kind, Environment(id));
        var chef = new DataChefInfo
        {
            Name = draft.Name ?? id, SourceType = DataChefDefinitions.SourceType(definition.Kind), Source = DataChefSecretBox.Seal(DataChefDefinitions.ToJson(definition), options),
            Mapping = draft.Mapping, DatasetId = datasetId, Kind = kind.Name, CreatedBy = user, Features = kind == DatasetKind.Features ? draft.Features : null,
        };
        var grain = grains.GetGrain<IDataChefGrain>(id);
        if (await grain.Get() is not null)
        {
            // Same definition again is an idempotent retry; the grain answers 409 for another one.
            return await grain.Create(chef);
        }

        CheckDataset(dataset, datasetId, kind);
        await PrepareAsync(definition, draft, id, ct);
        await EnsureDatasetAsync(dataset, datasetId, kind, id, user);
        return await grain.Create(chef);
    }

    public async Task<DataChefInfo> UpdateAsync(string id, DataChefDraft draft, CancellationToken ct)
    {
        var grain = grains.GetGrain<IDataChefGrain>(id);
        var current = await grain.Get() ?? throw new NotFoundException("data chef", id);
        var stored = DataChefDefinitions.Canonical(current);
        var kind = DataChefDefinitions.DatasetKindOf(draft.DatasetKind ?? current.Kind);
        var source = (JsonObject)(draft.Source ?? stored).DeepClone();
        var missing = DataChefSecrets.Restore(source, stored);
        if (missing.Count > 0) throw DataChefDefinitions.Refused(draft, missing);
        var definition = DataChefDefinitions.Parse(source, draft);
        var mapping = draft.MappingGiven ? draft.Mapping : current.Mapping;
        DataChefDefinitions.Validate(definition, draft, mapping, kind, Environment(id));
        var datasetId = Ids.Require(draft.DatasetId ?? current.DatasetId, "dataset_id");
        var dataset = await grains.GetGrain<IDatasetGrain>(datasetId).Get();
        CheckDataset(dataset, datasetId, kind);
        await PrepareAsync(definition, draft, id, ct);
        await EnsureDatasetAsync(dataset, datasetId, kind, id, current.CreatedBy);
        return await grain.Update(new DataChefInfo
        {
            Name = draft.Name ?? current.Name, SourceType = DataChefDefinitions.SourceType(definition.Kind), Source = DataChefSecretBox.Seal(DataChefDefinitions.ToJson(definition), options),
            Mapping = mapping, DatasetId = datasetId, Kind = kind.Name,
            Features = kind == DatasetKind.Features ? draft.Features ?? current.Features : null,
        });
    }

    /// <summary>
    /// Declares a RabbitMQ chef's queue binding now, so messages published from here on wait for the first
    /// materialization (queue mode only checks the queue exists). Other kinds need nothing.
    /// </summary>
    private async Task PrepareAsync(SourceDefinition definition, DataChefDraft draft, string id, CancellationToken ct)
    {
        if (definition is not RabbitMqSourceDefinition || DataSourceFactory.Create(definition, Environment(id)) is not RabbitMqDataSource rabbit) return;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            await rabbit.EnsureTopologyAsync(timeout.Token);
        }
        catch (SourceReadException e) when (e.InnerException is OperationInterruptedException)
        {
            // The broker answered: the queue or exchange named is wrong, which is the request's fault.
            throw DataChefDefinitions.Refused(draft, [new(((RabbitMqSourceDefinition)definition).Exchange is null ? "queue" : "exchange", e.Message)]);
        }
    }

    private static void CheckDataset(DatasetInfo? dataset, string datasetId, DatasetKind kind)
    {
        if (dataset is not null && dataset.Kind != kind.Name)
            throw new ValidationException("dataset_id", $"Dataset '{datasetId}' holds {dataset.Kind}, not {kind.Name}.");
    }

    /// <summary>Creates the chef's dataset when <paramref name="dataset"/> (as read before the checks) is missing.</summary>
    private async Task EnsureDatasetAsync(DatasetInfo? dataset, string datasetId, DatasetKind kind, string chefId, string user)
    {
        if (dataset is null) await grains.GetGrain<IDatasetGrain>(datasetId).Create(datasetId, kind.Name, $"filled by data chef {chefId}", user);
    }
}
