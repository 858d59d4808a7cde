namespace HttmOrleans.Api.Infrastructure;

/// <summary>The admin a request was made by (from its bearer token), or "anonymous".</summary>
internal static class RequestUser
{
    public static string Of(HttpContext context) => context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : "anonymous";
}
