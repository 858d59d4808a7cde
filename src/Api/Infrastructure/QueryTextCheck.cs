namespace HttmOrleans.Api.Infrastructure;

/// <summary>
/// Refuses a NUL (U+0000) in a query parameter before any route reads it. Kestrel already refuses one
/// in the path; in a query it would reach SQL parameters, which PostgreSQL refuses with an error.
/// </summary>
internal sealed class QueryTextCheck(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.QueryString.HasValue) return next(context);
        foreach (var (name, values) in context.Request.Query)
        {
            if (name.Contains('\0', StringComparison.Ordinal) || values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
                return Problems.Unreadable(name.Replace("\0", "", StringComparison.Ordinal), CheckedJsonObjectConverter.NulReason).ExecuteAsync(context);
        }

        return next(context);
    }
}
