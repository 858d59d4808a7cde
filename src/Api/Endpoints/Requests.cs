using System.Text.Json.Nodes;

namespace HttmOrleans.Api.Endpoints;

/// <summary>POST /auth/login.</summary>
public sealed record LoginRequest(string? Username, string? Password);

/// <summary>POST /datasets.</summary>
public sealed record CreateDatasetRequest(string? Id, string? Name, string? Kind, string? Description);

/// <summary>One sample in a request (either kind's columns).</summary>
public sealed record SampleRequest(string? UserId, string? ItemId, float? Rating, long? Timestamp, string? Document, string? Summary,
    string? EntityId = null, string? Feature = null, float? Value = null);

/// <summary>POST /datasets/{id}/samples: one sample or many.</summary>
public sealed record AddSamplesRequest(List<SampleRequest>? Samples, string? UserId, string? ItemId, float? Rating, long? Timestamp, string? Document, string? Summary,
    string? EntityId = null, string? Feature = null, float? Value = null);

/// <summary>POST /models.</summary>
public sealed record CreateModelRequest(string? Id, string? Name, string? Kind, string? Algorithm, JsonObject? Hyperparameters, string? Description, string? DatasetId,
    string? UserFeaturesDatasetId = null, string? ItemFeaturesDatasetId = null);

/// <summary>PATCH /models/{id}.</summary>
public sealed record UpdateModelRequest(JsonObject? Hyperparameters, string? Description, string? DatasetId,
    string? UserFeaturesDatasetId = null, string? ItemFeaturesDatasetId = null);

/// <summary>POST /models/{id}/versions: train (or retrain from base_version).</summary>
public sealed record TrainVersionRequest(string? Version, string? DatasetId, int? Snapshot, string? BaseVersion, JsonObject? Hyperparameters);

/// <summary>POST /models/{id}/registry/activate.</summary>
public sealed record ActivateRequest(string? Version);

/// <summary>POST /tasks.</summary>
public sealed record CreateTaskRequest(string? Name, string? ModelId, string? DatasetId, string? DataChefId, int? Interval, string? Cron, bool? Paused,
    string? InteractionsDataChefId = null, string? UserFeaturesDataChefId = null, string? ItemFeaturesDataChefId = null);

/// <summary>PATCH /tasks/{name}.</summary>
public sealed record ChangeTaskRequest(int? Interval, string? Cron);

/// <summary>POST /models/{id}/recommend/batch.</summary>
public sealed record BatchRecommendRequest(List<string>? UserIds, int? N, bool? ExcludeSeen, List<string>? Allow, List<string>? Deny, string? Version,
    string? UserFeatures = null);

/// <summary>POST /summarize.</summary>
public sealed record SummarizeRequest(string? ModelId, string? Text, List<string>? Texts, string? Version, int? MaxLength, int? NumBeams);
