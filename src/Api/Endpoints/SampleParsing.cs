using System.Globalization;
using HttmOrleans.Grains.Datasets;

namespace HttmOrleans.Api.Endpoints;

/// <summary>Checks one row against its dataset kind: interactions need user_id and item_id, rating defaults to 1.0; text pairs need both texts; no text holds a NUL.</summary>
internal static class SampleParsing
{
    public static object? FromColumns(IReadOnlyDictionary<string, string?> row, string kind, out string? error)
    {
        error = null;
        // PostgreSQL cannot store a NUL in text (SQLite would): the same row must be refused on both.
        foreach (var (column, value) in row)
        {
            if (value?.Contains('\0', StringComparison.Ordinal) != true) continue;
            error = $"{column} contains a NUL character (U+0000)";
            return null;
        }

        if (kind == DatasetKinds.TextPairs)
        {
            var document = row.GetValueOrDefault("document");
            var summary = row.GetValueOrDefault("summary");
            if (string.IsNullOrWhiteSpace(document)) error = "document is required";
            else if (string.IsNullOrWhiteSpace(summary)) error = "summary is required";
            return error is null ? new TextPairSample(document!, summary!) : null;
        }

        var user = row.GetValueOrDefault("user_id")?.Trim();
        var item = row.GetValueOrDefault("item_id")?.Trim();
        if (string.IsNullOrEmpty(user)) { error = "user_id is required"; return null; }
        if (string.IsNullOrEmpty(item)) { error = "item_id is required"; return null; }
        var rating = 1f;
        if (row.GetValueOrDefault("rating") is { Length: > 0 } r
            && (!float.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out rating) || !float.IsFinite(rating)))
        {
            error = $"rating '{r}' is not a number";
            return null;
        }

        long? timestamp = null;
        if (row.GetValueOrDefault("timestamp") is { Length: > 0 } t)
        {
            if (long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)) timestamp = seconds;
            else if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) timestamp = at.ToUnixTimeSeconds();
            else
            {
                error = $"timestamp '{t}' is neither unix seconds nor a date";
                return null;
            }
        }

        return new InteractionSample(user, item, rating, timestamp);
    }

    public static object? FromRequest(SampleRequest s, string kind, out string? error) =>
        FromColumns(new Dictionary<string, string?>
        {
            ["user_id"] = s.UserId, ["item_id"] = s.ItemId,
            ["rating"] = s.Rating?.ToString(CultureInfo.InvariantCulture),
            ["timestamp"] = s.Timestamp?.ToString(CultureInfo.InvariantCulture),
            ["document"] = s.Document, ["summary"] = s.Summary,
        }, kind, out error);
}
