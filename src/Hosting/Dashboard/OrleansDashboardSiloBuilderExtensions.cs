using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;

namespace HttmOrleans.Hosting.Dashboard;

public static class OrleansDashboardSiloBuilderExtensions
{
    /// <summary>
    /// The silo side of the Orleans dashboard: its grain service and call profiler (on every silo
    /// whose grains the dashboard should show), plus <see cref="AddHttmOrleansDashboardAuthorization"/>
    /// for the silo that serves it (a silo host's services are the web host's).
    /// </summary>
    public static ISiloBuilder AddHttmOrleansDashboard(this ISiloBuilder builder, Action<DashboardOptions>? configure = null)
    {
        builder.AddDashboard(configure);
        builder.Services.AddHttmOrleansDashboardAuthorization();
        return builder;
    }

    /// <summary>
    /// Makes <see cref="DashboardLoginRedirectHandler"/> the authorization result handler: it redirects
    /// browsers to the login page for dashboard endpoints and leaves every other endpoint to the default.
    /// </summary>
    public static IServiceCollection AddHttmOrleansDashboardAuthorization(this IServiceCollection services) =>
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, DashboardLoginRedirectHandler>();
}
