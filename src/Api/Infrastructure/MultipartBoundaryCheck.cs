using Microsoft.Net.Http.Headers;

namespace HttmOrleans.Api.Infrastructure;

/// <summary>
/// A multipart body without a boundary cannot be split by anyone, whatever the route; refusing it
/// here keeps every form reader (ReadFormAsync, MultipartReader) from failing on it deep inside a handler.
/// </summary>
internal sealed class MultipartBoundaryCheck(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var contentType = context.Request.ContentType;
        if (contentType is null || !contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)) return next(context);
        if (MediaTypeHeaderValue.TryParse(contentType, out var type) && HeaderUtilities.RemoveQuotes(type.Boundary).Length > 0) return next(context);
        return Problems.Unreadable("body", "A multipart body needs a boundary: Content-Type: multipart/form-data; boundary=…").ExecuteAsync(context);
    }
}
