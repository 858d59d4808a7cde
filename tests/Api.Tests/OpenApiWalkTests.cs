using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HttmOrleans.Api.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace HttmOrleans.Api.Tests;

/// <summary>
/// Walks every operation of /openapi/v1.json with bad input (WalkVariants), with and without a token, on a
/// node holding a dataset, a trained model, a task and data chefs that store secrets. Asserts: no 5xx but a
/// 502/504 the operation documents; every 4xx is a problem-details body; refused writes leave no trace; no
/// response shows a stored secret. Run alone: dotnet test tests/Api.Tests --filter "FullyQualifiedName~OpenApiWalkTests".
/// </summary>
public sealed class OpenApiWalkTests(ITestOutputHelper output)
{
    // Distinctive so that any echo of them is found in any response body.
    private const string SqlPassword = "walkPw5d1f0c9aSecret";
    private const string BearerToken = "walkTok83be11Secret";
    private const string UrlSignature = "walkSig29c4adSecret";

    private const int Parallelism = 8;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Fields tried in raw JSON bodies (routes that take a JsonObject and declare no schema).</summary>
    private static readonly (string, string)[] RawFields =
    [
        ("model_id", "string"), ("dataset_id", "string"), ("data_chef_id", "string"), ("task_name", "string"), ("version", "string"),
        ("name", "string"), ("id", "string"), ("algorithm", "string"), ("interval", "integer"), ("file_path", "string"),
        ("query", "string"), ("mapping", "string"), ("hyperparameters", "object"), ("source", "object"), ("text", "string"),
    ];

    /// <summary>POSTs that only compute or read: walked on the real fixtures like reads.</summary>
    private static readonly HashSet<string> ComputeOnly =
    [
        "/api/v1/auth/login", "/api/v1/summarize", "/api/v1/models/{id}/summarize", "/api/v1/models/{id}/recommend/batch",
        "/api/v1/datachefs/{id}/preview", "/api/v1/datachefs/preview",
    ];

    /// <summary>Writes that read the raw request body (no requestBody in the document).</summary>
    private static readonly HashSet<string> RawBodyWrites = ["/api/v1/datasets/{id}/import", "/api/v1/datachefs/uploads"];

    private readonly ConcurrentBag<string> _failures = [];
    private readonly ConcurrentDictionary<string, int> _statuses = new();
    private readonly ConcurrentBag<string> _acceptedWrites = [];
    private readonly Dictionary<string, string> _fixture = [];

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")] // PostgreSQL refuses some text SQLite stores (a NUL), so the walk runs on both.
    public async Task Every_operation_refuses_bad_input_with_a_problem_and_no_5xx_no_trace_and_no_secret(string provider)
    {
        await using var node = await ApiNode.StartAsync(provider);
        using var admin = await node.AdminAsync();
        await CreateFixturesAsync(node, admin);
        var document = await node.Anonymous.Get("/openapi/v1.json");
        var operations = WalkOperation.Parse(document, RawFields);
        var requests = operations.SelectMany(Requests).ToList();

        using var withToken = new HttpClient { BaseAddress = node.Address, Timeout = Timeout.InfiniteTimeSpan };
        withToken.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        using var anonymous = new HttpClient { BaseAddress = node.Address, Timeout = Timeout.InfiniteTimeSpan };
        var uploads = Path.Combine(node.DataDirectory, "uploads");
        var uploadsBefore = Directory.GetFiles(uploads).Length;
        var before = await SnapshotAsync(admin);

        var clock = Stopwatch.StartNew();
        var anonymousRequests = operations.SelectMany(op => Requests(op).Take(6)).ToList();
        var all = requests.Select(r => (r, withToken, true)).Concat(anonymousRequests.Select(r => (r, anonymous, false))).ToList();
        await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (item, ct) =>
            await CheckAsync(item.Item2, item.r, item.Item3, ct));
        clock.Stop();

        var after = await SnapshotAsync(admin);
        var uploadsAfter = Directory.GetFiles(uploads).Length;
        Report(operations.Count, all.Count, clock.Elapsed);

        if (before != after) _failures.Add($"refused writes changed stored state:\n  before {before}\n  after  {after}");
        if (uploadsAfter != uploadsBefore) _failures.Add($"the uploads folder held {uploadsBefore} files before the walk and {uploadsAfter} after");
        foreach (var check in await LeakChecksAsync(node, admin))
            _failures.Add(check);

        var real = _failures.Order(StringComparer.Ordinal).ToList();
        Assert.True(real.Count == 0, $"{real.Count} problems:\n" + string.Join('\n', real.Take(150)));
    }

    private IEnumerable<WalkRequest> Requests(WalkOperation op)
    {
        var write = !op.IsRead && !ComputeOnly.Contains(op.Template);
        var rawBody = RawBodyWrites.Contains(op.Template);
        string Target(string name) => write ? Missing(name) : Valid(op.Template, name);
        var query = string.Join('&', op.Query.Select(q => $"{q.Name}={Target(q.Name)}"));
        string Url(Func<string, string> value, string? q = null) =>
            op.PathParameters.Aggregate(op.Template, (t, p) => t.Replace("{" + p + "}", value(p), StringComparison.Ordinal)) + (q ?? (query.Length == 0 ? "" : "?" + query));
        var emptyBody = op.HasBody ? WalkVariants.Bytes("{}") : null;
        var emptyType = op.HasBody ? "application/json" : null;

        if (op.Template == "/api/v1/datachefs/uploads")
        {
            // A successful upload writes a file: only bodies that must be refused go here.
            foreach (var (label, type, body) in WalkVariants.MalformedBodies().Where(b => b.Type!.StartsWith("multipart", StringComparison.Ordinal)))
                yield return new WalkRequest(op, label, Url(Target), type, WalkVariants.Bytes(body), true);
            yield return new WalkRequest(op, "empty body", Url(Target), "text/csv", [], true);
            yield break;
        }

        yield return new WalkRequest(op, "baseline", Url(Target), emptyType, emptyBody, false);
        if (op.Template.EndsWith("/datachefs/{id}/preview", StringComparison.Ordinal))
        {
            // Sources that cannot be reached: the documented 502 (or 504), never a 500.
            foreach (var chef in _fixture.Where(f => f.Key is "chef:sql" or "chef:rest").Select(f => f.Value))
                yield return new WalkRequest(op, "unreachable " + chef, Url(n => n == "id" ? chef : Target(n)), null, null, false);
        }

        foreach (var p in op.PathParameters)
        {
            foreach (var bad in WalkVariants.BadIds)
                yield return new WalkRequest(op, $"{{{p}}}='{Shorten(bad)}'", Url(n => n == p ? bad : Target(n)), emptyType, emptyBody, false);
        }

        foreach (var (label, q) in WalkVariants.Queries(op, (_, n) => Target(n)))
            yield return new WalkRequest(op, label, Url(Target, q), emptyType, emptyBody, false);

        if (op.IsRead) yield break;
        if (op.Template.EndsWith("/datasets/{id}/import", StringComparison.Ordinal))
        {
            // Rows whose text PostgreSQL cannot store: refused whole, like any bad row.
            yield return new WalkRequest(op, "csv row with NUL", Url(n => Valid(op.Template, n)), "text/csv", WalkVariants.Bytes("user_id,item_id\na\0b,i1\n"), true);
            yield return new WalkRequest(op, "jsonl row with NUL", Url(n => Valid(op.Template, n)), "application/json",
                WalkVariants.Bytes("{\"user_id\":\"a\\u0000b\",\"item_id\":\"i1\"}\n"), true);
        }

        var bodies = op.HasBody || rawBody ? WalkVariants.Bodies(op, filled: !write) : WalkVariants.MalformedBodies().Take(3).Select(b => (b.Label, b.Type, b.Body, true));
        foreach (var (label, type, body, malformed) in bodies)
        {
            // A body every route refuses may go to the real objects; anything else only to ids that do not exist.
            var real = !write || (malformed && (op.HasBody || rawBody));
            yield return new WalkRequest(op, "body " + label, Url(real ? n => Valid(op.Template, n) : Target), type, WalkVariants.Bytes(body), malformed);
        }
    }

    private async Task CheckAsync(HttpClient client, WalkRequest r, bool token, CancellationToken ct)
    {
        var who = token ? "admin" : "anonymous";
        var name = $"{r.Operation} [{r.Variant}] as {who}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(RequestTimeout);
        HttpResponseMessage response;
        string text;
        try
        {
            using var request = new HttpRequestMessage(new HttpMethod(r.Operation.Method), r.Path);
            if (r.Body is not null)
            {
                request.Content = new ByteArrayContent(r.Body);
                if (r.ContentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", r.ContentType);
            }

            response = await client.SendAsync(request, timeout.Token);
            text = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            _failures.Add($"{name}: no answer within {RequestTimeout.TotalSeconds} s");
            return;
        }
        catch (UriFormatException)
        {
            return; // The client cannot even express this path; nothing reached the server.
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            _statuses.AddOrUpdate(status.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
            if (status >= 500 && !(status is 502 or 504 && r.Operation.DocumentedStatuses.Contains(status)))
                _failures.Add($"{name}: {status} {Shorten(text, 300)}");
            if (status is >= 400 and < 500 && RejectedByHttpServer(response, text))
                _statuses.AddOrUpdate("400 (Kestrel, before the app)", 1, (_, n) => n + 1);
            else if (status is >= 400 and < 500 && ProblemError(response, text, status) is { } error)
                _failures.Add($"{name}: {status} {error}");
            if (status < 300 && !r.Operation.IsRead && !ComputeOnly.Contains(r.Operation.Template))
                _acceptedWrites.Add($"{r.Operation} [{r.Variant}] → {status}");
            if (status < 300 && r.Malformed && token && (r.Operation.HasBody || (RawBodyWrites.Contains(r.Operation.Template) && !r.Operation.IsRead)))
                _failures.Add($"{name}: a malformed body was accepted ({status})");
            foreach (var secret in new[] { SqlPassword, BearerToken, UrlSignature })
            {
                if (text.Contains(secret, StringComparison.Ordinal)) _failures.Add($"{name}: the response shows the secret {secret}");
            }
        }
    }

    // Kestrel refuses a request it cannot represent (a NUL in the path) before any middleware runs: an empty 400 that closes the connection.
    private static bool RejectedByHttpServer(HttpResponseMessage response, string text) =>
        response.StatusCode == HttpStatusCode.BadRequest && text.Length == 0 && response.Headers.ConnectionClose == true;

    private static string? ProblemError(HttpResponseMessage response, string text, int status)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"is {response.Content.Headers.ContentType?.MediaType ?? "without a body"}, not application/problem+json: {Shorten(text, 200)}";
        try
        {
            var problem = JsonNode.Parse(text);
            if (problem?["status"]?.GetValue<int>() != status) return $"problem status is {problem?["status"]}, not {status}";
            if (string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>())) return "problem has no title";
            return null;
        }
        catch (JsonException e)
        {
            return $"problem body is not JSON ({e.Message}): {Shorten(text, 200)}";
        }
    }

    // What a refused write could have left behind: every object, its definition, samples, versions and the active one.
    private static async Task<string> SnapshotAsync(HttpClient admin)
    {
        var parts = new List<string>();
        foreach (var d in (await admin.Get("/api/v1/datasets")).AsArray())
            parts.Add($"dataset {d!["id"]} samples={d["sample_count"]} snapshots={d["snapshots"]!.AsArray().Count} name={d["name"]}");
        foreach (var m in (await admin.Get("/api/v1/models")).AsArray())
        {
            var active = (await admin.Get($"/api/v1/models/{m!["id"]}/registry"))["active_version"];
            parts.Add($"model {m["id"]} versions={m["versions"]!.AsArray().Count} active={active} {m["hyperparameters"]!.ToJsonString()} {m["description"]} {m["dataset_id"]}");
        }

        foreach (var t in (await admin.Get("/api/v1/tasks")).AsArray())
            parts.Add($"task {t!["name"]} {t["model_id"]} {t["dataset_id"]} {t["data_chef_id"]} {t["interval_seconds"]} {t["cron"]} paused={t["paused"]}");
        foreach (var c in (await admin.Get("/api/v1/datachefs")).AsArray())
            parts.Add($"chef {c!["id"]} {c["name"]} {c["dataset_id"]} {c["mapping"]} {c["source"]!.ToJsonString()}");
        foreach (var a in (await admin.Get("/api/v1/auth/accounts")).AsArray())
            parts.Add($"account {a!["username"]}");
        return string.Join(" | ", parts);
    }

    // Every list and view of what holds a secret, read with and without a token.
    // The token from before the walk: its many refused logins may have earned this client a back-off.
    private async Task<List<string>> LeakChecksAsync(ApiNode node, HttpClient admin)
    {
        var found = new List<string>();
        var paths = new List<string> { "/api/v1/datachefs", "/list_data_chefs", "/api/v1/jobs", "/api/v1/grains/DataChef" };
        foreach (var id in _fixture.Where(f => f.Key.StartsWith("chef:", StringComparison.Ordinal)).Select(f => f.Value))
            paths.AddRange([$"/api/v1/datachefs/{id}", $"/get_data_chef/{id}", $"/api/v1/grains/DataChef/{id}"]);
        foreach (var client in new[] { admin, node.Anonymous })
        {
            foreach (var path in paths)
            {
                using var response = await client.GetAsync(path);
                var text = await response.Content.ReadAsStringAsync();
                foreach (var secret in new[] { SqlPassword, BearerToken, UrlSignature })
                {
                    if (text.Contains(secret, StringComparison.Ordinal)) found.Add($"GET {path}: the response shows the secret {secret}");
                }
            }
        }

        return found;
    }

    private async Task CreateFixturesAsync(ApiNode node, HttpClient admin)
    {
        await admin.ImportRatings("walk-ds");
        await admin.Post("/api/v1/models", new { id = "walk-m", algorithm = "popularity", dataset_id = "walk-ds" }, HttpStatusCode.Created);
        await admin.Post("/api/v1/models/walk-m/versions", new { version = "v1" }, HttpStatusCode.Accepted);
        await admin.WaitForVersion("walk-m", "v1");
        await admin.Post("/api/v1/tasks", new { name = "walk-t", model_id = "walk-m", interval = 3600, paused = true }, HttpStatusCode.Created);

        var csv = new StringContent("user_id,item_id,rating\nu1,i1,5\nu2,i2,4\n", System.Text.Encoding.UTF8, "text/csv");
        var upload = await admin.Send(HttpMethod.Post, "/api/v1/datachefs/uploads?file_name=walk.csv", csv, HttpStatusCode.Created);
        await admin.Post("/api/v1/datachefs", new { id = "walk-csv", name = "walk csv", source = new { kind = "csv", upload_id = upload["upload_id"]!.GetValue<string>() } },
            HttpStatusCode.Created);
        _fixture["chef:csv"] = "walk-csv";
        await admin.Post("/create_data_chef_from_sql", new
        {
            data_chef_id = "walk-sql", name = "walk sql", provider = "postgresql", query = "select user_id, item_id from t",
            connection_string = $"Host=127.0.0.1;Port=9;Database=walk;Username=walk;Password={SqlPassword}",
        }, HttpStatusCode.Created);
        _fixture["chef:sql"] = "walk-sql";

        // Where loopback sources are refused, a documentation address (192.0.2.1, never routed) stands in.
        foreach (var host in new[] { "127.0.0.1:9", "192.0.2.1:9" })
        {
            using var rest = await admin.PostAsJsonAsync("/create_data_chef_from_api", new
            {
                data_chef_id = "walk-rest", name = "walk rest", api_endpoint = $"http://{host}/items?sig={UrlSignature}", bearer_token = BearerToken,
            });
            if (rest.StatusCode != HttpStatusCode.Created) continue;
            _fixture["chef:rest"] = "walk-rest";
            break;
        }

        if (!_fixture.ContainsKey("chef:rest")) output.WriteLine("REST chef refused at both addresses; walking without it");

        _fixture["sample"] = (await admin.Get("/api/v1/datasets/walk-ds/samples?limit=1"))["samples"]![0]!["id"]!.ToJsonString();
        var types = (await admin.Get("/api/v1/grains")).AsArray().Select(t => t!["type"]!.GetValue<string>()).ToList();
        _fixture["grain type"] = types.FirstOrDefault(t => t.Contains("Model", StringComparison.Ordinal) && !t.Contains("Version", StringComparison.Ordinal)) ?? types[0];
    }

    // A valid value for a path or query parameter of the fixtures above.
    private string Valid(string template, string name) => name switch
    {
        "id" when template.Contains("/datasets/", StringComparison.Ordinal) => "walk-ds",
        "id" when template.Contains("chef", StringComparison.Ordinal) => "walk-csv",
        "id" when template.Contains("/model/status/", StringComparison.Ordinal) => "walk-m/v1",
        "id" or "model_id" => "walk-m",
        "name" => "walk-t",
        "version" => "v1",
        "versions" => "v1",
        "sampleId" => _fixture["sample"],
        "type" => _fixture["grain type"],
        "key" or "prefix" => "walk-m",
        "data_chef_id" => "walk-csv",
        "user_id" => "u1",
        "item_id" or "allow" or "deny" => "i1",
        "status" => "completed",
        "exclude_seen" => "true",
        "timeout_seconds" => "5",
        _ => "3",
    };

    // For a write: an id that names nothing, so that an accepted variant changes nothing.
    private static string Missing(string name) => name switch
    {
        "sampleId" => "987654321",
        "n" or "limit" or "after" or "timeout_seconds" => "3",
        _ => "walk-none",
    };

    private void Report(int operations, int requests, TimeSpan elapsed)
    {
        output.WriteLine($"OpenAPI walk: {operations} operations, {requests} requests in {elapsed.TotalSeconds:F1} s");
        output.WriteLine("statuses: " + string.Join(", ", _statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}×{s.Value}")));
        output.WriteLine($"accepted writes ({_acceptedWrites.Count}), all on ids that do not exist or bodies they ignore:");
        foreach (var w in _acceptedWrites.Order(StringComparer.Ordinal).Take(40)) output.WriteLine("  " + w);
    }

    private static string Shorten(string text, int max = 24) => text.Length <= max ? text : text[..max] + $"…({text.Length})";
}
