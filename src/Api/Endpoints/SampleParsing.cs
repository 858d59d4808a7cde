using System.Globalization;
using HttmOrleans.DataChefs.Features;
using HttmOrleans.Grains.Datasets;

namespace HttmOrleans.Api.Endpoints;

/// <summary>Checks one row against its dataset kind: interactions need user_id and item_id, rating defaults to 1.0; text pairs need both texts; features need entity_id and feature, value defaults to 1; no text holds a NUL.</summary>
internal static class SampleParsing
{
    public static object? FromColumns(IReadOnlyDictionary<string, string?> row, string kind, out string? error)
    {
        if (kind == DatasetKinds.TextPairs)
            return TryTextPair(row.GetValueOrDefault("document"), row.GetValueOrDefault("summary"), out var pair, out error) ? pair : null;
        if (kind == DatasetKinds.Features)
            return WideFeatureConverter.TryLongRow(row.GetValueOrDefault("entity_id"), row.GetValueOrDefault("feature"), row.GetValueOrDefault("value"), out var feature, out error)
                ? feature : null;
        return TryInteraction(row.GetValueOrDefault("user_id"), row.GetValueOrDefault("item_id"), row.GetValueOrDefault("rating"),
            row.GetValueOrDefault("timestamp"), out var sample, out error) ? sample : null;
    }

    public static bool TryTextPair(string? document, string? summary, out TextPairSample? sample, out string? error)
    {
        sample = null;
        if (HasNul([("document", document), ("summary", summary)], out error)) return false;
        error = string.IsNullOrWhiteSpace(document) ? "document is required" : string.IsNullOrWhiteSpace(summary) ? "summary is required" : null;
        if (error is null) sample = new TextPairSample(document!, summary!);
        return error is null;
    }

    public static bool TryInteraction(string? userId, string? itemId, string? ratingText, string? timestampText, out InteractionSample sample, out string? error)
    {
        sample = default;
        if (HasNul([("user_id", userId), ("item_id", itemId), ("rating", ratingText), ("timestamp", timestampText)], out error)) return false;
        var user = userId?.Trim();
        var item = itemId?.Trim();
        if (string.IsNullOrEmpty(user)) { error = "user_id is required"; return false; }
        if (string.IsNullOrEmpty(item)) { error = "item_id is required"; return false; }
        var rating = 1f;
        if (ratingText is { Length: > 0 } r
            && (!float.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out rating) || !float.IsFinite(rating)))
        {
            error = $"rating '{Cut(r)}' is not a number";
            return false;
        }

        long? timestamp = null;
        if (timestampText is { Length: > 0 } t)
        {
            if (long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)) timestamp = seconds;
            else if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) timestamp = at.ToUnixTimeSeconds();
            else
            {
                error = $"timestamp '{Cut(t)}' is neither unix seconds nor a date";
                return false;
            }
        }

        error = null;
        sample = new InteractionSample(user, item, rating, timestamp);
        return true;
    }

    public static object? FromRequest(SampleRequest s, string kind, out string? error) =>
        FromColumns(new Dictionary<string, string?>
        {
            ["user_id"] = s.UserId, ["item_id"] = s.ItemId,
            ["rating"] = s.Rating?.ToString(CultureInfo.InvariantCulture),
            ["timestamp"] = s.Timestamp?.ToString(CultureInfo.InvariantCulture),
            ["document"] = s.Document, ["summary"] = s.Summary,
            ["entity_id"] = s.EntityId, ["feature"] = s.Feature, ["value"] = s.Value?.ToString(CultureInfo.InvariantCulture),
        }, kind, out error);

    // PostgreSQL cannot store a NUL in text (SQLite would): the same row must be refused on both.
    private static bool HasNul(ReadOnlySpan<(string Column, string? Value)> columns, out string? error)
    {
        foreach (var (column, value) in columns)
        {
            if (value?.Contains('\0', StringComparison.Ordinal) != true) continue;
            error = $"{column} contains a NUL character (U+0000)";
            return true;
        }

        error = null;
        return false;
    }

    // A refused value is echoed in the error report; a megabyte of it would make the report the problem.
    private static string Cut(string value) => value.Length > 100 ? value[..100] + "…" : value;
}
