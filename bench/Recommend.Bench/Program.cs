using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HttmOrleans.Recommend.Algorithms;
using HttmOrleans.Recommend.Bench;
using HttmOrleans.Recommend.Synthetic;

// Usage:
//   Recommend.Bench [--sizes 100k,1m,20m] [--algorithms svd,als] [--param als.factors=64 ...]   table per size and algorithm
//   Recommend.Bench --features [--sizes 100k,1m] [--algorithms hybrid]                       features and cold start (generator features, item cold-start split)
//   Recommend.Bench --targets                                                                  the reference comparisons
//   Recommend.Bench --csv out.csv --size 1m                                                    the synthetic set as user_id,item_id,rating,timestamp (for bench/recommend-http.sh)
// Each (size, algorithm) runs in its own child process so its peak memory is its own.
var sizes = new List<string> { "100k", "1m" };
var algorithms = AlgorithmRegistry.All.Select(a => a.Name).ToList();
var parameters = new List<string>();
string[]? child = null;
var targets = false;
var features = false;
string? csv = null;
for (var n = 0; n < args.Length; n++)
{
    switch (args[n])
    {
        case "--sizes":
            sizes = [.. args[++n].Split(',', StringSplitOptions.RemoveEmptyEntries)];
            break;
        case "--algorithms":
            algorithms = [.. args[++n].Split(',', StringSplitOptions.RemoveEmptyEntries)];
            break;
        case "--param":
            parameters.Add(args[++n]);
            break;
        case "--child":
            child = [args[++n], args[++n]];
            break;
        case "--targets":
            targets = true;
            break;
        case "--features":
            features = true;
            break;
        case "--csv":
            csv = args[++n];
            break;
        case "--size":
            sizes = [args[++n]];
            break;
        default:
            Console.Error.WriteLine($"Unknown argument {args[n]}");
            return 2;
    }
}

if (targets)
{
    TargetRunner.Run();
    return 0;
}

if (csv is not null)
{
    var data = SyntheticInteractions.Generate(SizePreset.Parse(sizes[0]).Options(seed: 1));
    using var writer = new StreamWriter(csv);
    writer.WriteLine("user_id,item_id,rating,timestamp");
    for (var i = 0; i < data.Count; i++)
    {
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"u{data.Users[i]},i{data.Items[i]},{data.Ratings[i]:0.###},{data.Timestamps[i]}"));
    }

    Console.WriteLine($"{data.Count} interactions → {csv}");
    return 0;
}

if (child is not null && features)
{
    var result = FeatureCaseRunner.Run(SizePreset.Parse(child[0]), child[1], ParametersFor(child[1], parameters));
    Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
    return 0;
}

if (child is not null)
{
    var result = CaseRunner.Run(SizePreset.Parse(child[0]), child[1], ParametersFor(child[1], parameters));
    Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
    return 0;
}

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
if (features)
{
    var rows = new List<FeatureCaseResult>();
    foreach (var size in sizes)
    {
        foreach (var algorithm in args.Contains("--algorithms") ? algorithms : ["hybrid"])
        {
            var line = RunChild(size, algorithm, [.. parameters], features: true);
            if (line is not null)
            {
                rows.Add(JsonSerializer.Deserialize<FeatureCaseResult>(line)!);
                Console.WriteLine(FeatureTable.Row(rows[^1]));
            }
        }
    }

    Console.WriteLine();
    Console.WriteLine(FeatureTable.Render(rows));
    return 0;
}

var results = new List<CaseResult>();
foreach (var size in sizes)
{
    foreach (var algorithm in algorithms)
    {
        var line = RunChild(size, algorithm, parameters, features: false);
        if (line is not null)
        {
            var result = JsonSerializer.Deserialize<CaseResult>(line)!;
            results.Add(result);
            Console.WriteLine(Table.Row(result));
        }
    }
}

Console.WriteLine();
Console.WriteLine(Table.Render(results));
return 0;

static Dictionary<string, object> ParametersFor(string algorithm, List<string> parameters)
{
    var values = new Dictionary<string, object>(StringComparer.Ordinal);
    foreach (var entry in parameters)
    {
        var dot = entry.IndexOf('.', StringComparison.Ordinal);
        var equals = entry.IndexOf('=', StringComparison.Ordinal);
        if (dot < 0 || equals < dot || !string.Equals(entry[..dot], algorithm, StringComparison.OrdinalIgnoreCase))
        {
            continue;
        }

        var text = entry[(equals + 1)..];
        values[entry[(dot + 1)..equals]] = int.TryParse(text, CultureInfo.InvariantCulture, out var i) ? i
            : double.TryParse(text, CultureInfo.InvariantCulture, out var d) ? d
            : bool.TryParse(text, out var b) ? b
            : text;
    }

    return values;
}

static string? RunChild(string size, string algorithm, List<string> parameters, bool features)
{
    var self = Environment.ProcessPath!;
    var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true };
    if (Path.GetFileNameWithoutExtension(self) == "dotnet")
    {
        start.ArgumentList.Add(typeof(CaseRunner).Assembly.Location);
    }

    foreach (var arg in new[] { "--child", size, algorithm }.Concat(features ? ["--features"] : []).Concat(parameters.SelectMany(p => new[] { "--param", p })))
    {
        start.ArgumentList.Add(arg);
    }

    using var process = Process.Start(start)!;
    var stdout = process.StandardOutput.ReadToEnd();
    var stderr = process.StandardError.ReadToEnd();
    process.WaitForExit();
    var line = stdout.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
    if (process.ExitCode != 0 || line is null)
    {
        Console.WriteLine($"| {size} | {algorithm} | failed: {stderr.Split('\n').FirstOrDefault(l => l.Length > 0)} |");
        return null;
    }

    return line["RESULT ".Length..];
}
