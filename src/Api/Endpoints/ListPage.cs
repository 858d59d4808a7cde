using HttmOrleans.Grains;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// A page of a listing read from the store, in key order: <c>?limit=</c> (1–10000) and <c>?after=</c> (the
/// last key of the page before). When more follow, a <c>Link: &lt;…&gt;; rel="next"</c> header points at them.
/// Without <c>limit</c> a listing returns everything, as before, up to 10000.
/// </summary>
internal static class ListPage
{
    public const int MaxLimit = 10_000;

    public static async Task<List<TState>> ReadAsync<TState>(ClusterAdmin admin, string grainType, int? limit, string? after, Func<TState, string> key, HttpContext http)
    {
        if (limit is < 1 or > MaxLimit) throw new ValidationException("limit", $"Must be from 1 to {MaxLimit}.");
        var size = limit ?? MaxLimit;
        var page = await admin.ListStatesAsync<TState>(grainType, size + 1, after, http.RequestAborted);
        if (page.Count <= size) return page;
        page.RemoveAt(page.Count - 1);
        var next = $"{http.Request.PathBase}{http.Request.Path}?limit={size}&after={Uri.EscapeDataString(key(page[^1]))}";
        http.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        return page;
    }
}
