using HttmOrleans.Grains;

namespace HttmOrleans.Api.Infrastructure;

/// <summary>Ids clients choose: safe in URLs and keys. Generated when left out.</summary>
internal static class Ids
{
    public static string Require(string? id, string field)
    {
        if (string.IsNullOrWhiteSpace(id)) throw Problems.Missing(field);
        if (!VersionNames.IsValid(id.Trim())) throw new ValidationException(field, "Use 1–64 letters, digits, '.', '_' or '-'.");
        return id.Trim();
    }

    public static string OrNew(string? id, string field, string prefix) =>
        string.IsNullOrWhiteSpace(id) ? prefix + "-" + Guid.CreateVersion7().ToString("N")[..12] : Require(id, field);
}
