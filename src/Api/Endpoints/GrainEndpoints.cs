using System.Text.Json.Nodes;
using HttmOrleans.Api.Auth;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.Grains;
using HttmOrleans.Grains.DataChefs;
using HttmOrleans.Hosting.Cluster;
using HttmOrleans.Grains.Jobs;

namespace HttmOrleans.Api.Endpoints;

/// <summary>Read-only views of grains for dashboards: counts per type, keys, one grain's state and events (secrets redacted).</summary>
internal static class GrainEndpoints
{
    /// <summary>Keys that carry a secret inside a connection string (<c>Password=…;</c>); field names go by <see cref="SecretFieldNames"/>.</summary>
    private static readonly string[] SecretNames =
        ["password", "token", "secret", "api_key", "apikey", "authorization", "connection_string", "connectionstring", "signing_key", "signingkey", "hash", "salt"];

    /// <summary>Key prefixes that make a stored string look like a connection string holding a secret.</summary>
    private static readonly string[] ConnectionStringSecrets = [.. SecretNames.Append("pwd").Select(s => s + "=")];

    private const int DefaultEvents = 500;
    private const int MaxEvents = 5000;

    public static void Map(RouteGroupBuilder api)
    {
        // Grain state is the server's own bookkeeping (account names, events, etags): admins only, even when reads are open.
        var g = api.MapGroup("/grains").WithTags("cluster").RequireAuthorization(AuthPolicies.Admin);
        g.MapGet("", async (ClusterAdmin admin, ClusterView cluster, CancellationToken ct) =>
        {
            var counts = await admin.CountGrainsByTypeAsync(ct);
            // Stored grains from the store, live activations from Orleans (by grain class, e.g. ModelGrain).
            var live = await cluster.CountActivationsByGrainTypeAsync(ct);
            return admin.GrainTypeNames.Order(StringComparer.Ordinal).Select(t => new
            {
                type = t, count = counts.GetValueOrDefault(t), activations = live.GetValueOrDefault(t + "Grain"),
            });
        }).WithSummary("Grains per type: how many hold state, and how many are active in the cluster now.");

        g.MapGet("/{type}", async (string type, string? prefix, int? limit, ClusterAdmin admin, CancellationToken ct) =>
        {
            RequireType(admin, type);
            var keys = await admin.ListGrainsAsync(type, prefix, Math.Clamp(limit ?? 200, 1, 5000), ct: ct);
            return keys.Select(k => new { key = k.Key, etag = k.Etag });
        }).WithSummary("Keys of one grain type (?prefix= to search).");

        g.MapGet("/{type}/{**key}", async (string type, string key, long? events_after, int? events_limit, ClusterAdmin admin, CancellationToken ct) =>
        {
            RequireType(admin, type);
            if (events_limit is < 1 or > MaxEvents)
                throw new ValidationException("events_limit", $"Must be from 1 to {MaxEvents}.");
            if (events_after is < 0)
                throw new ValidationException("events_after", "Must be an event id (0 or more).");
            var id = new GrainKey(type, key);
            var (etag, json) = await admin.ReadStateAsync(id, ct);
            if (json is null) throw new NotFoundException(type, key);
            // Without a cursor the history's end (the newest events); with one, the events after it, for paging on.
            var (events, more) = await admin.ReadEventPageAsync(id, events_after, events_limit ?? DefaultEvents, ct);
            var state = JsonNode.Parse(json);
            var payloads = events.Select(e => JsonNode.Parse(e.Payload)).ToList();
            // A data chef's source is redacted as the data-chef routes redact it; the name list below is a backstop for other grains.
            if (type == admin.GrainTypeName<IDataChefGrain>() && state is JsonObject chef) DataChefViews.RedactState(chef, payloads);
            return new
            {
                type, key, etag, state = Redact(state),
                events = events.Select((e, i) => new { id = e.Id, type = e.EventType, at = e.At, payload = Redact(payloads[i]) }),
                // The newest events: whether older ones were left out; after a cursor: whether newer ones follow.
                events_older = events_after is null && more,
                events_newer = events_after is not null && more,
            };
        }).WithSummary("One grain's state and its newest events (?events_limit=, default 500; ?events_after=ID pages on, oldest first), secrets redacted.");
    }

    private static void RequireType(ClusterAdmin admin, string type)
    {
        if (!admin.GrainTypeNames.Contains(type, StringComparer.Ordinal))
            throw new NotFoundException("grain type", type);
    }

    /// <summary>
    /// Masks every value whose name is a secret's (<see cref="SecretFieldNames"/>: a password, a token, not <c>tokens_per_second</c>), at any depth; every secret-named header in a
    /// <c>headers</c> object; and passwords or secret query parameters inside URLs and connection
    /// strings stored under innocent names (an AMQP URI, a REST URL with <c>?api_key=</c>).
    /// </summary>
    public static JsonNode? Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var headers = obj.Parent is JsonObject && string.Equals(obj.GetPropertyName(), "headers", StringComparison.OrdinalIgnoreCase);
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    var secretName = SecretFieldNames.IsSecret(name) || (headers && !Secrets.IsPlainHeader(name));
                    // Counts and rates are never secrets, whatever they are called.
                    if (obj[name] is JsonValue scalar && secretName && !IsFigure(scalar)) obj[name] = Secrets.Mask;
                    else if (obj[name] is JsonValue value && value.TryGetValue<string>(out var text)) obj[name] = RedactText(text);
                    else Redact(obj[name]);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text)) array[i] = RedactText(text);
                    else Redact(array[i]);
                }

                break;
        }

        return node;
    }

    private static bool IsFigure(JsonValue value) =>
        value.GetValueKind() is System.Text.Json.JsonValueKind.Number or System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False;

    private static string RedactText(string text)
    {
        if (text.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(text, UriKind.Absolute, out _))
        {
            var redacted = Secrets.RedactUrl(text);
            return redacted.Contains(Secrets.Mask, StringComparison.Ordinal) ? redacted : text;
        }

        if (text.Contains(';', StringComparison.Ordinal) && text.Contains('=', StringComparison.Ordinal)
            && ConnectionStringSecrets.Any(s => text.Contains(s, StringComparison.OrdinalIgnoreCase)))
            return Secrets.RedactConnectionString(text);
        return text;
    }
}
