using System.Text.Json.Nodes;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.Grains;
using HttmOrleans.Grains.DataChefs;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// The one redaction path for data chefs, used by every route and view that shows one (the resource
/// and seed routes, the grain-state view, the jobs view, error details): the library's structural
/// <see cref="SourceDefinition.Redacted"/> for the source, and its <see cref="SourceDefinition.SecretValues"/>
/// scrubbed out of free text. On the way back in, an update that carries <c>***</c> where a secret was,
/// or leaves a secret field out, keeps the stored secret, so a client can send back the body a GET gave it.
/// </summary>
internal static class DataChefSecrets
{
    private const string Mask = Secrets.Mask;

    /// <summary>A copy safe to return: the source redacted, the last error scrubbed of its secrets.</summary>
    public static DataChefInfo Redact(DataChefInfo chef)
    {
        var secrets = SecretValues(chef.SourceType, chef.Source);
        return new DataChefInfo
        {
            Id = chef.Id, Name = chef.Name, SourceType = chef.SourceType, Source = RedactSource(chef.SourceType, chef.Source), Mapping = chef.Mapping,
            DatasetId = chef.DatasetId, Kind = chef.Kind, Features = chef.Features, CreatedBy = chef.CreatedBy, CreatedAt = chef.CreatedAt, RunningJob = chef.RunningJob,
            Last = chef.Last is { } last ? last with { Error = last.Error is null ? null : Secrets.Scrub(last.Error, secrets) } : null,
        };
    }

    /// <summary>A stored source as it may be shown; one the library no longer reads shows its kind only.</summary>
    public static JsonObject RedactSource(string sourceType, JsonObject source)
    {
        try
        {
            return DataChefDefinitions.ToJson(MaterializeJobHandler.Definition(sourceType, source).Redacted());
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException or ValidationException or System.Security.Cryptography.CryptographicException)
        {
            return new JsonObject { ["kind"] = sourceType, ["unreadable"] = true };
        }
    }

    /// <summary>Every secret the stored source holds, for scrubbing text that may quote one.</summary>
    public static IReadOnlyCollection<string> SecretValues(string sourceType, JsonObject source)
    {
        try
        {
            return MaterializeJobHandler.Definition(sourceType, source).SecretValues();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException or ValidationException or System.Security.Cryptography.CryptographicException)
        {
            // Unreadable: every string in it counts as a secret.
            return [.. source.Select(p => DataChefBodies.Text(p.Value)).OfType<string>()];
        }
    }

    /// <summary>
    /// Puts stored secrets back into <paramref name="incoming"/> (library JSON) where it holds <c>***</c> or
    /// leaves a secret field out; <paramref name="stored"/> counts only when it is the same kind.
    /// </summary>
    /// <returns>Fields that still hold a placeholder with no stored secret behind it.</returns>
    public static List<SourceValidationError> Restore(JsonObject incoming, JsonObject stored)
    {
        var errors = new List<SourceValidationError>();
        var kind = DataChefBodies.Text(incoming["kind"]);
        var previous = kind == DataChefBodies.Text(stored["kind"]) ? stored : [];
        switch (kind)
        {
            case "sql":
                RestoreConnectionString(incoming, previous, errors);
                break;
            case "rest":
                RestoreUrl(incoming, previous, "url", errors);
                RestoreValue(incoming, previous, "bearer_token", errors);
                RestoreHeaders(incoming, previous, errors);
                break;
            case "rabbitmq":
                RestoreUrl(incoming, previous, "uri", errors);
                break;
        }

        return errors;
    }

    // True when the field is settled: left out or all-masked (then the stored value, or an error), or
    // exactly what redacting the stored value shows.
    private static bool RestoreWhole(JsonObject incoming, JsonObject previous, string field, Func<string, string> redact, List<SourceValidationError> errors)
    {
        var value = DataChefBodies.Text(incoming[field]);
        var old = DataChefBodies.Text(previous[field]);
        if (!incoming.ContainsKey(field))
        {
            if (old is not null) incoming[field] = old;
            return true;
        }

        if (value == Mask)
        {
            if (old is null) errors.Add(Placeholder(field));
            else incoming[field] = old;
            return true;
        }

        if (old is not null && value == redact(old))
        {
            incoming[field] = old;
            return true;
        }

        return value is null || !value.Contains(Mask, StringComparison.Ordinal);
    }

    private static void RestoreValue(JsonObject incoming, JsonObject previous, string field, List<SourceValidationError> errors) =>
        RestoreWhole(incoming, previous, field, _ => Mask, errors);

    private static void RestoreHeaders(JsonObject incoming, JsonObject previous, List<SourceValidationError> errors)
    {
        var old = previous["headers"] as JsonObject;
        if (!incoming.ContainsKey("headers"))
        {
            if (old is not null) incoming["headers"] = old.DeepClone();
            return;
        }

        if (incoming["headers"] is not JsonObject headers) return;
        foreach (var name in headers.Select(h => h.Key).ToList())
        {
            if (DataChefBodies.Text(headers[name]) != Mask) continue;
            var match = old?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
            if (DataChefBodies.Text(match) is { } value) headers[name] = value;
            else errors.Add(Placeholder("headers"));
        }
    }

    private static void RestoreConnectionString(JsonObject incoming, JsonObject previous, List<SourceValidationError> errors)
    {
        const string field = "connection_string";
        if (RestoreWhole(incoming, previous, field, Secrets.RedactConnectionString, errors)) return;
        var value = DataChefBodies.Text(incoming[field])!;
        if (value.Contains("://", StringComparison.Ordinal))
        {
            RestoreUrl(incoming, previous, field, errors);
            return;
        }

        var builder = Secrets.ParseConnectionString(value);
        if (builder is null)
        {
            errors.Add(new(field, "The connection string cannot be read."));
            return;
        }

        var before = DataChefBodies.Text(previous[field]) is { } old ? Secrets.ParseConnectionString(old) : null;
        foreach (var key in builder.Keys.Cast<string>().ToList())
        {
            if (builder[key] as string != Mask) continue;
            if (before is not null && before.TryGetValue(key, out var secret)) builder[key] = secret;
            else errors.Add(Placeholder(field));
        }

        incoming[field] = builder.ConnectionString;
    }

    // A URL edited around its masked parts: the user info, each masked query value (by name, in order)
    // and the fragment come from the stored URL.
    private static void RestoreUrl(JsonObject incoming, JsonObject previous, string field, List<SourceValidationError> errors)
    {
        if (RestoreWhole(incoming, previous, field, Secrets.RedactUrl, errors)) return;
        var value = DataChefBodies.Text(incoming[field])!;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)) return; // validation names it
        Uri.TryCreate(DataChefBodies.Text(previous[field]), UriKind.Absolute, out var before);
        var userInfo = uri.UserInfo;
        if (userInfo == Mask || userInfo.EndsWith(":" + Mask, StringComparison.Ordinal))
        {
            if (before is { UserInfo.Length: > 0 }) userInfo = before.UserInfo;
            else errors.Add(Placeholder(field));
        }

        var oldParts = before is null ? [] : Secrets.QueryParts(before).ToList();
        var used = new bool[oldParts.Count];
        var query = new List<string>();
        foreach (var (name, part) in Secrets.QueryParts(uri))
        {
            if (Uri.UnescapeDataString(part) != Mask)
            {
                query.Add(name is null ? part : name + "=" + part);
                continue;
            }

            var at = Enumerable.Range(0, oldParts.Count).FirstOrDefault(i => !used[i] && oldParts[i].Name == name, -1);
            if (at < 0)
            {
                errors.Add(Placeholder(field));
                query.Add(name is null ? part : name + "=" + part);
                continue;
            }

            used[at] = true;
            query.Add(name is null ? oldParts[at].Value : name + "=" + oldParts[at].Value);
        }

        var fragment = uri.Fragment;
        if (fragment == "#" + Mask)
        {
            if (before is { Fragment.Length: > 1 }) fragment = before.Fragment;
            else errors.Add(Placeholder(field));
        }

        var info = userInfo.Length > 0 ? userInfo + "@" : "";
        incoming[field] = $"{uri.Scheme}://{info}{uri.Authority}{uri.AbsolutePath}{(query.Count > 0 ? "?" + string.Join('&', query) : "")}{fragment}";
    }

    private static SourceValidationError Placeholder(string field) =>
        new(field, $"Holds the redaction placeholder '{Mask}' but no stored secret stands behind it; send the secret itself.");
}
