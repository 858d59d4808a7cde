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
        // Browsers ask for /favicon.ico on every page (Swagger, the Orleans dashboard) whatever the page links.
        app.MapGet("/favicon.ico", (IWebHostEnvironment env) => env.WebRootFileProvider.GetFileInfo("dashboard/favicon.ico") is { Exists: true } icon
                ? Results.Stream(icon.CreateReadStream(), "image/x-icon")
                : Results.NotFound())
            .ExcludeFromDescription().AllowAnonymous();
    }
}
