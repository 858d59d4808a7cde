using HttmOrleans.Runtime.Bench;

// Grain turns per second with a state write, on SQLite and PostgreSQL, beside pgbench on the same server.
//   dotnet run -c Release --project bench/Runtime.Bench -- --pg "Host=127.0.0.1;Port=5433;Username=postgres" --seconds 10 --concurrency 16
// Every database it uses it creates and drops itself. See BenchOptions.Usage for every switch.
var options = BenchOptions.Parse(args);
if (options is null) return 2;

Console.WriteLine(MachineInfo.Describe());
Console.WriteLine($"{options.Concurrency} callers, {options.Keys:N0} keys, {options.WarmupSeconds} s warm-up + {options.Seconds} s measured per case, seed {options.Seed}");
if (options.Postgres is null) Console.WriteLine("No --pg given: SQLite only, so no PostgreSQL rows and no pgbench comparison.");
var rows = new List<ResultRow>();
if (!options.SkipSqlite) rows.AddRange(await SqliteCases.RunAsync(options));
if (options.Postgres is { } admin) rows.AddRange(await PostgresCases.RunAsync(options, admin));

Console.WriteLine();
Console.WriteLine(ReportTable.Render(rows));
return Environment.ExitCode;
