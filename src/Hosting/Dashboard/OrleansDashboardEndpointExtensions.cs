using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;

namespace HttmOrleans.Hosting.Dashboard;

public static class OrleansDashboardEndpointExtensions
{
    /// <summary>Where the dashboard is served unless told otherwise.</summary>
    public const string DefaultPrefix = "/orleans";

    /// <summary>
    /// Serves the Orleans dashboard (its page, scripts, fonts and data API) under
    /// <paramref name="prefix"/>, every endpoint behind <paramref name="authorizationPolicy"/> (the
    /// default policy when null: the dashboard is never anonymous). With
    /// <paramref name="loginPath"/>, a browser that is not logged in is redirected there with
    /// <c>?returnUrl=</c>; script requests get the scheme's 401. Needs
    /// <see cref="OrleansDashboardSiloBuilderExtensions.AddHttmOrleansDashboard"/> on the silo.
    /// </summary>
    public static RouteGroupBuilder MapHttmOrleansDashboard(
        this IEndpointRouteBuilder endpoints, string prefix = DefaultPrefix, string? authorizationPolicy = null, string? loginPath = null)
    {
        if (loginPath is not null && endpoints.ServiceProvider.GetService<IAuthorizationMiddlewareResultHandler>() is not DashboardLoginRedirectHandler)
        {
            throw new InvalidOperationException(
                $"The dashboard's login redirect needs {nameof(DashboardLoginRedirectHandler)} as the {nameof(IAuthorizationMiddlewareResultHandler)}: " +
                $"call siloBuilder.{nameof(OrleansDashboardSiloBuilderExtensions.AddHttmOrleansDashboard)}() (or services.{nameof(OrleansDashboardSiloBuilderExtensions.AddHttmOrleansDashboardAuthorization)}()) " +
                "and register no other result handler after it.");
        }

        var group = endpoints.MapOrleansDashboard("/" + prefix.Trim('/'));
        if (authorizationPolicy is null) group.RequireAuthorization();
        else group.RequireAuthorization(authorizationPolicy);
        if (loginPath is not null) group.WithMetadata(new DashboardLoginPage(loginPath));
        return group;
    }
}
