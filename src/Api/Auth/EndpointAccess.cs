using Microsoft.AspNetCore.Authorization;

namespace HttmOrleans.Api.Auth;

/// <summary>
/// The fallback policy: what an endpoint gets when it says nothing about authorization itself. Writes
/// need an admin; reads are open unless <c>Httm:Auth:ProtectReads</c>. "Read" comes from the methods the
/// matched endpoint was mapped for, never from the path, so a new route is protected the day it is added.
/// Endpoints that must be open say so with <c>.AllowAnonymous()</c>.
/// </summary>
internal sealed class EndpointAccess(bool protectReads) : AuthorizationHandler<EndpointAccess>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, EndpointAccess requirement)
    {
        if (context.User.IsInRole(AuthPolicies.AdminRole)
            || (!protectReads && context.Resource is HttpContext http && IsRead(http)))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Whether the matched endpoint only reads: every method it was mapped for is GET or HEAD. An endpoint
    /// without methods (mapped for any) is a write. No endpoint at all (nothing matched, a 404 or 405 to
    /// come) is judged by the request's method, which is all there is.
    /// </summary>
    public static bool IsRead(HttpContext http)
    {
        if (http.GetEndpoint() is not { } endpoint) return IsSafe(http.Request.Method);
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
        return methods is { Count: > 0 } && methods.All(IsSafe);
    }

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
}
