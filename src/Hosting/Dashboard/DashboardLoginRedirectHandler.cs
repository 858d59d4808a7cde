using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace HttmOrleans.Hosting.Dashboard;

/// <summary>
/// Turns the challenge for a dashboard page into a 302 to its <see cref="DashboardLoginPage"/> when
/// a browser navigates to it (GET or HEAD accepting <c>text/html</c>). The dashboard's own script
/// requests and every other endpoint keep the authentication scheme's answer (401, 403), so a
/// script never receives a login page where it expects JSON.
/// </summary>
public sealed class DashboardLoginRedirectHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged
            && context.GetEndpoint()?.Metadata.GetMetadata<DashboardLoginPage>() is { } login
            && IsPageNavigation(context.Request))
        {
            context.Response.Redirect(login.RedirectFor(context.Request));
            return Task.CompletedTask;
        }
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private static bool IsPageNavigation(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}
