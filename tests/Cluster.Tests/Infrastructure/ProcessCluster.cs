using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace HttmOrleans.Cluster.Tests.Infrastructure;

/// <summary>
/// A cluster of real host processes on a throwaway PostgreSQL database: API nodes (src/Api, which
/// co-host a silo) and headless silos (src/Silo), each on its own free ports. Disposing kills every
/// process still running and drops the database; a failed test gets every process's output.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "correct horse battery staple";

    private readonly List<NodeProcess> _nodes = [];
    private readonly ITestOutputHelper? _output;

    private ProcessCluster(PostgresDatabase database, ITestOutputHelper? output)
    {
        Database = database;
        _output = output;
    }

    public PostgresDatabase Database { get; }

    /// <summary>Every process started so far, killed or not, for failure messages.</summary>
    public IReadOnlyList<NodeProcess> Nodes => _nodes;

    public static async Task<ProcessCluster> CreateAsync(ITestOutputHelper? output = null) =>
        new(await PostgresDatabase.CreateAsync(), output);

    /// <summary>Settings every host gets: the database, its own ports, fast progress, logs that show the lifecycle and job moves.</summary>
    private string[] Common(string id) =>
    [
        "--db", Database.ConnectionString, "--id", id,
        .. HostRun.OwnClusterPorts(),
        "--Httm:Cluster:AdvertisedAddress=127.0.0.1",
        "--Httm:Silo:ProgressInterval=00:00:00.250",
        "--Httm:Artifacts:Store=database",
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
        "--Logging:LogLevel:HttmOrleans=Information",
    ];

    /// <summary>Starts an API node and returns it once it listens, with an admin client.</summary>
    public async Task<ApiProcess> StartApiAsync(string id, string capabilities)
    {
        var port = TestPorts.Take();
        var node = Track(NodeProcess.Start(HostPrograms.Api,
        [
            .. Common(id), "--capabilities", capabilities, "--urls", $"http://127.0.0.1:{port}",
            $"--Httm:Admin:User={AdminUser}", $"--Httm:Admin:Password={AdminPassword}",
            "--Httm:Summarization:Capability=cpu",
        ]));
        await node.WaitForLineAsync(l => l.Contains("Now listening on:", StringComparison.Ordinal), HostRun.StartBound);
        var address = new Uri($"http://127.0.0.1:{port}/");
        using var anonymous = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        // The admin account is created by a hosted service just after start: retry the login until it exists.
        var token = await Http.Until(async () =>
        {
            using var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = AdminUser, password = AdminPassword });
            return response.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>() : null;
        }, t => t is not null, TimeSpan.FromSeconds(60), $"the admin login on {id}");
        var admin = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new ApiProcess(id, node, admin);
    }

    /// <summary>Starts a headless silo; <see cref="WaitForSilosAsync"/> tells when the cluster sees it.</summary>
    public NodeProcess StartSilo(string id, string capabilities = "cpu") =>
        Track(NodeProcess.Start(HostPrograms.Silo, [.. Common(id), "--capabilities", capabilities]));

    /// <summary>Waits until <paramref name="api"/> lists exactly these silos (by id) active, capabilities known.</summary>
    public static async Task<JsonArray> WaitForActiveAsync(HttpClient api, IReadOnlyCollection<string> ids, TimeSpan timeout)
    {
        return await Http.Until(async () => (await api.Get("/api/v1/silos")).AsArray(), silos =>
        {
            var active = silos.Where(s => s!.Text("status") == "active" && s!["capabilities"]!.AsArray().Count > 0).Select(s => s!.Text("id")).ToHashSet();
            return active.SetEquals(ids);
        }, timeout, "active silos " + string.Join(", ", ids));
    }

    /// <summary>Every process's command line and output, for a failing test's message.</summary>
    public string Logs(int lastLines = 60) => string.Join("\n\n", _nodes.Select(n =>
    {
        var lines = n.Output.Split('\n');
        return $"=== {n.Description[..Math.Min(n.Description.Length, 60)]} (pid {n.Pid}{(n.HasExited ? ", exited" : "")})\n"
            + string.Join('\n', lines.Skip(Math.Max(0, lines.Length - lastLines)));
    }));

    public async ValueTask DisposeAsync()
    {
        _output?.WriteLine(Logs(200));
        foreach (var node in _nodes) await node.DisposeAsync();
        await Database.DisposeAsync();
    }

    private NodeProcess Track(NodeProcess node)
    {
        _nodes.Add(node);
        return node;
    }
}

/// <summary>An API node process and a client logged in as its admin.</summary>
public sealed record ApiProcess(string Id, NodeProcess Process, HttpClient Admin);
