using HttmOrleans.OrleansBench;

// Orleans 10.4.2 grain calls a second on PostgreSQL beside pgbench, on SQLite, and the seconds a killed
// silo's grains take to answer elsewhere. It creates and drops every database it uses.
//   dotnet run -c Release --project bench/Orleans.Bench -- --pg "Host=127.0.0.1;Port=55432;Username=postgres" --seconds 10 --callers 16
if (args is ["--silo", var database, var clusterId]) return await BenchSilo.RunChildAsync(database, clusterId);

var options = BenchOptions.Parse(args, out var help);
if (options is null) return help ? 0 : 2;
return await BenchRun.RunAsync(options);
