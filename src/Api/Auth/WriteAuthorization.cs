namespace HttmOrleans.Api.Auth;

/// <summary>
/// Every write (POST, PUT, PATCH, DELETE) needs an admin bearer token, except logging in and the
/// serving calls that only compute (summarize, batch recommend). Reads are open unless
/// <c>Httm:Auth:ProtectReads</c> is true.
/// </summary>
internal sealed class WriteAuthorization(RequestDelegate next, TokenService tokens, IConfiguration configuration)
{
    // Read once: a configuration lookup walks every provider, and this runs on every request.
    private readonly bool _protectReads = configuration.GetValue("Httm:Auth:ProtectReads", false);

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var write = !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method));
        var protectReads = _protectReads;
        var needsToken = (write && !IsOpenWrite(path))
            || (protectReads && !path.StartsWith("/openapi", StringComparison.Ordinal) && !path.StartsWith("/swagger", StringComparison.Ordinal));
        string? user = null;
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) user = tokens.Validate(header[7..].Trim());
        if (needsToken && user is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                detail: header.Length == 0
                    ? "This request changes data: send an admin token as 'Authorization: Bearer <token>' (POST /api/v1/auth/login)."
                    : "The bearer token is invalid or expired; log in again.").ExecuteAsync(context);
            return;
        }

        context.Items[CurrentUserKey] = user ?? "anonymous";
        await next(context);
    }

    public const string CurrentUserKey = "httm.user";

    /// <summary>POSTs that change nothing: logging in, and serving calls that only compute.</summary>
    private static bool IsOpenWrite(string path) =>
        path.Equals("/api/v1/auth/login", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith("/summarize", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith("/recommend/batch", StringComparison.OrdinalIgnoreCase);
}
