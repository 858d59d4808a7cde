using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HttmOrleans.Hosting.Dashboard;

/// <summary>
/// Lets a browser reach the Orleans dashboard with the bearer token our login page stores: a page
/// cannot add an <c>Authorization</c> header to a navigation or to the dashboard's own script
/// requests, so it sets the token as the <see cref="CookieName"/> cookie and this middleware turns
/// the cookie into <c>Authorization: Bearer &lt;token&gt;</c>, for requests under the dashboard's
/// prefix only: the REST API keeps accepting bearer headers alone, so a cookie never authorizes a
/// cross-site request to it.
/// </summary>
public static class TokenCookie
{
    /// <summary>The cookie the login page sets: <c>httm_token=&lt;token&gt;; path=/orleans; SameSite=Strict</c>.</summary>
    public const string CookieName = "httm_token";

    /// <summary>
    /// Adds the cookie-to-header middleware for requests under <paramref name="prefix"/>. Call it
    /// before <c>UseAuthentication</c>, and call <c>UseAuthentication</c> explicitly: a
    /// <c>WebApplication</c> that adds it on its own puts it first, before this runs. A request that
    /// already carries an <c>Authorization</c> header keeps it.
    /// </summary>
    public static IApplicationBuilder UseHttmTokenCookie(this IApplicationBuilder app, string prefix = OrleansDashboardEndpointExtensions.DefaultPrefix)
    {
        var scope = new PathString(prefix.TrimEnd('/'));
        return app.Use((context, next) =>
        {
            var request = context.Request;
            if (request.Path.StartsWithSegments(scope, StringComparison.OrdinalIgnoreCase)
                && request.Headers.Authorization.Count == 0
                && request.Cookies.TryGetValue(CookieName, out var token)
                && !string.IsNullOrWhiteSpace(token))
            {
                request.Headers.Authorization = "Bearer " + token.Trim();
            }
            return next(context);
        });
    }
}
