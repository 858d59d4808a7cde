namespace HttmOrleans.Dashboard.Tests.Infrastructure;

/// <summary>The API node of the dashboard tests' cluster: Api.Tests' <see cref="ApiNode"/> on the cluster's database.</summary>
public static class DashboardNode
{
    public const string SiloId = "api-1";

    public static Task<ApiNode> StartAsync(string connectionString) => ApiNode.StartOnAsync(connectionString, new Dictionary<string, string?>
    {
        // Both nodes train out of the database, so an artifact saved by one is served by the other.
        ["Httm:Artifacts:Store"] = "database",
        ["Httm:Silo:Id"] = SiloId,
    });
}
