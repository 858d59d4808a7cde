using HttmOrleans.Api.Infrastructure;
using HttmOrleans.Api.Serving;
using HttmOrleans.Grains;
using HttmOrleans.Grains.Training;
using HttmOrleans.Grains.Jobs;
using HttmOrleans.Summarization.Serving;

namespace HttmOrleans.Api.Endpoints;

/// <summary>POST /summarize: one text or a batch, from the active (or a named) version of a summarization model.</summary>
internal static class SummarizeEndpoints
{
    public const int MaxTexts = 256;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/summarize", async (SummarizeRequest? body, ClusterAdmin admin, IGrainFactory grains, SummarizationServing serving, CancellationToken ct) =>
        {
            if (body is null) throw Problems.Missing("body");
            var modelId = body.ModelId ?? await OnlySummarizer(admin, grains);
            return await SummarizeAsync(modelId, body, grains, serving, ct);
        }).WithTags("serving").WithSummary("Summarize one text (`text`) or many (`texts`); model_id may be left out when there is one summarization model.")
            .AllowAnonymous(); // Only computes: open like reads.

        api.MapPost("/models/{id}/summarize", async (string id, SummarizeRequest? body, IGrainFactory grains, SummarizationServing serving, CancellationToken ct) =>
        {
            if (body is null) throw Problems.Missing("body");
            return await SummarizeAsync(id, body, grains, serving, ct);
        }).WithTags("serving").AllowAnonymous(); // Only computes: open like reads.
    }

    private static async Task<IResult> SummarizeAsync(string modelId, SummarizeRequest body, IGrainFactory grains, SummarizationServing serving, CancellationToken ct)
    {
        var texts = body.Texts ?? (body.Text is null ? null : [body.Text]);
        if (texts is not { Count: > 0 }) throw new ValidationException("text", "Give `text` or a non-empty `texts` list.");
        if (texts.Count > MaxTexts) throw new ValidationException("texts", $"At most {MaxTexts} texts per call.");
        var empty = texts.FindIndex(string.IsNullOrWhiteSpace);
        if (empty >= 0) throw new ValidationException(body.Texts is null ? "text" : $"texts[{empty}]", "Must not be empty.");
        if (body.MaxLength is < 1 or > 2048) throw new ValidationException("max_length", "Must be between 1 and 2048 tokens.");
        if (body.NumBeams is < 1 or > 16) throw new ValidationException("num_beams", "Must be between 1 and 16.");
        var model = await ModelEndpoints.Require(grains, modelId, body.ModelId is null ? null : "model_id");
        if (model.Kind != ModelKinds.Summarization) throw new ConflictException($"Model '{modelId}' is a {model.Kind} model; it does not summarize.");
        var loaded = await serving.GetAsync(modelId, body.Version, ct);
        IReadOnlyList<string> summaries;
        try
        {
            summaries = await loaded.Model.SummarizeAsync(texts, new SummarizeOptions { MaxLength = body.MaxLength, NumBeams = body.NumBeams ?? 1 }, ct);
        }
        catch (SummarizationRequestException e)
        {
            throw new ValidationException("texts", e.Message);
        }

        return Results.Ok(new
        {
            model_id = modelId, version = loaded.Version, algorithm = model.Algorithm,
            summary = body.Texts is null ? summaries[0] : null, summaries,
        });
    }

    private static async Task<string> OnlySummarizer(ClusterAdmin admin, IGrainFactory grains)
    {
        var models = (await ModelEndpoints.ListAsync(admin, grains)).Where(m => m.Kind == ModelKinds.Summarization).ToList();
        return models.Count == 1 ? models[0].Id : throw new ValidationException("model_id", $"Required: the server has {models.Count} summarization models.");
    }
}
