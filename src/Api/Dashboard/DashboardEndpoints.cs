namespace HttmOrleans.Api.Dashboard;

/// <summary>
/// Serves the dashboard: static files under wwwroot/dashboard (UseStaticFiles) that read only the public
/// REST API, so any other client can build the same views.
/// </summary>
internal static class DashboardEndpoints
{
    public static void Map(WebApplication app)
    {
        // Also matches "/dashboard/": route templates ignore a trailing slash.
        app.MapGet("/dashboard", () => Results.Redirect("/dashboard/index.html")).ExcludeFromDescription().AllowAnonymous();
    }
}
