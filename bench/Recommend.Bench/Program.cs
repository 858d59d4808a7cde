using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HttmOrleans.Recommend.Algorithms;
using HttmOrleans.Recommend.Bench;
using HttmOrleans.Recommend.Synthetic;

// Usage:
//   Recommend.Bench [--sizes 100k,1m,20m] [--algorithms svd,als] [--param als.factors=64 ...]   table per size and algorithm
//   Recommend.Bench --targets                                                                  the reference comparisons
//   Recommend.Bench --csv out.csv --size 1m                                                    the synthetic set as user_id,item_id,rating,timestamp (for bench/recommend-http.sh)
//   Recommend.Bench --features [--sizes 100k,1m] [--algorithms ffm]                            feature models: warm and item-cold precision, new-user latency
// Each (size, algorithm) runs in its own child process so its peak memory is its own.
var sizes = new List<string> { "100k", "1m" };
var algorithms = AlgorithmRegistry.All.Select(a => a.Name).ToList();
var parameters = new List<string>();
string[]? child = null;
string[]? featureChild = null;
var features = false;
var algorithmsGiven = false;
var targets = false;
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
            algorithmsGiven = true;
            break;
        case "--features":
            features = true;
            break;
        case "--feature-child":
            featureChild = [args[++n], args[++n]];
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

if (featureChild is not null)
{
    var result = FeatureCaseRunner.Run(SizePreset.Parse(featureChild[0]), featureChild[1], ParametersFor(featureChild[1], parameters));
    Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
    return 0;
}

if (features)
{
    FeatureCaseRunner.RunAll(sizes, algorithmsGiven ? algorithms : FeatureCaseRunner.FeatureAlgorithms(), parameters);
    return 0;
}

if (child is not null)
{
    var result = CaseRunner.Run(SizePreset.Parse(child[0]), child[1], ParametersFor(child[1], parameters));
    Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
    return 0;
}

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
var results = new List<CaseResult>();
foreach (var size in sizes)
{
    foreach (var algorithm in algorithms)
    {
        var result = RunChild(size, algorithm, parameters);
        if (result is not null)
        {
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

static CaseResult? RunChild(string size, string algorithm, List<string> parameters)
{
    var self = Environment.ProcessPath!;
    var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true };
    if (Path.GetFileNameWithoutExtension(self) == "dotnet")
    {
        start.ArgumentList.Add(typeof(CaseRunner).Assembly.Location);
    }

    foreach (var arg in new[] { "--child", size, algorithm }.Concat(parameters.SelectMany(p => new[] { "--param", p })))
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

    return JsonSerializer.Deserialize<CaseResult>(line["RESULT ".Length..]);
}
