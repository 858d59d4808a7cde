using System.Data.Common;
using System.Text.Json.Nodes;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.Grains;
using HttmOrleans.Grains.DataChefs;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// Secrets on the way out (the library's <see cref="SourceDefinition.Redacted"/>) and back in: an update
/// that carries <c>***</c> where a secret was, or leaves a secret field out, keeps the stored secret,
/// so a client can send back the body a GET gave it.
/// </summary>
internal static class DataChefSecrets
{
    private const string Mask = Secrets.Mask;

    /// <summary>A copy safe to return: the source as the library redacts it, nothing else secret-bearing.</summary>
    public static DataChefInfo Redact(DataChefInfo chef)
    {
        JsonObject source;
        try
        {
            source = DataChefDefinitions.ToJson(MaterializeJobHandler.Definition(chef.SourceType, chef.Source).Redacted());
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException or ValidationException)
        {
            // A stored source the library no longer reads: show its kind only rather than risk a secret.
            source = new JsonObject { ["kind"] = chef.SourceType, ["unreadable"] = true };
        }

        return new DataChefInfo
        {
            Id = chef.Id, Name = chef.Name, SourceType = chef.SourceType, Source = source, Mapping = chef.Mapping, DatasetId = chef.DatasetId,
            Kind = chef.Kind, CreatedBy = chef.CreatedBy, CreatedAt = chef.CreatedAt, RunningJob = chef.RunningJob, Last = chef.Last,
        };
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

    private static void RestoreValue(JsonObject incoming, JsonObject previous, string field, List<SourceValidationError> errors)
    {
        var old = DataChefBodies.Text(previous[field]);
        if (!incoming.ContainsKey(field))
        {
            if (old is not null) incoming[field] = old;
        }
        else if (DataChefBodies.Text(incoming[field]) == Mask)
        {
            if (old is null) errors.Add(Placeholder(field));
            else incoming[field] = old;
        }
    }

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
        var value = DataChefBodies.Text(incoming[field]);
        var old = DataChefBodies.Text(previous[field]);
        if (value is null || value == Mask || !value.Contains(Mask, StringComparison.Ordinal) || value.Contains("://", StringComparison.Ordinal))
        {
            if (value is not null && value.Contains("://", StringComparison.Ordinal)) RestoreUrl(incoming, previous, field, errors);
            else RestoreValue(incoming, previous, field, errors);
            return;
        }

        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = value };
            var before = old is null ? null : new DbConnectionStringBuilder { ConnectionString = old };
            foreach (var key in builder.Keys.Cast<string>().ToList())
            {
                if (builder[key] as string != Mask) continue;
                if (before is not null && before.TryGetValue(key, out var secret)) builder[key] = secret;
                else errors.Add(Placeholder(field));
            }

            incoming[field] = builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            errors.Add(new(field, "The connection string cannot be read."));
        }
    }

    // The password in the user info and secret query parameters, as the library masks them.
    private static void RestoreUrl(JsonObject incoming, JsonObject previous, string field, List<SourceValidationError> errors)
    {
        var value = DataChefBodies.Text(incoming[field]);
        var old = DataChefBodies.Text(previous[field]);
        if (value is null || value == Mask || !value.Contains(Mask, StringComparison.Ordinal))
        {
            RestoreValue(incoming, previous, field, errors);
            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)) return; // validation names it
        Uri.TryCreate(old, UriKind.Absolute, out var before);
        var userInfo = uri.UserInfo;
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 && Uri.UnescapeDataString(userInfo[(colon + 1)..]) == Mask)
        {
            var oldInfo = before?.UserInfo ?? "";
            var oldColon = oldInfo.IndexOf(':', StringComparison.Ordinal);
            if (oldColon >= 0) userInfo = userInfo[..(colon + 1)] + oldInfo[(oldColon + 1)..];
            else errors.Add(Placeholder(field));
        }

        var oldQuery = (before?.Query ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries);
        var query = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < query.Length; i++)
        {
            var eq = query[i].IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || Uri.UnescapeDataString(query[i][(eq + 1)..]) != Mask) continue;
            var name = query[i][..(eq + 1)];
            var match = oldQuery.FirstOrDefault(p => p.StartsWith(name, StringComparison.Ordinal));
            if (match is not null) query[i] = match;
            else errors.Add(Placeholder(field));
        }

        var info = userInfo.Length > 0 ? userInfo + "@" : "";
        var rebuilt = $"{uri.Scheme}://{info}{uri.Authority}{uri.AbsolutePath}{(query.Length > 0 ? "?" + string.Join('&', query) : "")}{uri.Fragment}";
        incoming[field] = rebuilt;
    }

    private static SourceValidationError Placeholder(string field) =>
        new(field, $"Holds the redaction placeholder '{Mask}' but no stored secret stands behind it; send the secret itself.");
}
