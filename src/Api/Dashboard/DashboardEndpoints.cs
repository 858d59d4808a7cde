namespace HttmOrleans.Api.Dashboard;

/// <summary>Serves the dashboard's static files at /dashboard (owned by the dashboard work; this is its hook).</summary>
internal static class DashboardEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/dashboard", () => Results.Redirect("/dashboard/index.html")).ExcludeFromDescription();
    }
}
