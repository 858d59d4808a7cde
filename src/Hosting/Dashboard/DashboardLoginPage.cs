using Microsoft.AspNetCore.Http;

namespace HttmOrleans.Hosting.Dashboard;

/// <summary>
/// Endpoint metadata: where a browser that is not logged in is sent instead of the dashboard.
/// Put on every dashboard endpoint by <see cref="OrleansDashboardEndpointExtensions.MapHttmOrleansDashboard"/>.
/// </summary>
public sealed record DashboardLoginPage(string Path)
{
    /// <summary>The name of the query parameter that carries the dashboard URL the browser asked for.</summary>
    public const string ReturnUrlParameter = "returnUrl";

    /// <summary><c>/dashboard/login?returnUrl=%2Forleans%2F</c> for a request to <c>/orleans/</c>.</summary>
    public string RedirectFor(HttpRequest request)
    {
        var returnUrl = request.PathBase + request.Path + request.QueryString;
        var separator = Path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return $"{Path}{separator}{ReturnUrlParameter}={Uri.EscapeDataString(returnUrl)}";
    }
}
