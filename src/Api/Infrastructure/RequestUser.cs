using HttmOrleans.Api.Auth;

namespace HttmOrleans.Api.Infrastructure;

/// <summary>The admin a request was made by (from its token), or "anonymous".</summary>
internal static class RequestUser
{
    public static string Of(HttpContext context) => context.Items[WriteAuthorization.CurrentUserKey] as string ?? "anonymous";
}
