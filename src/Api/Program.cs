using HttmOrleans.Api;
using HttmOrleans.Storage.Configuration;

// The API node: REST under /api/v1, the seed routes, serving, and (by default) an in-process silo.
// dotnet run --project src/Api                       → SQLite under ./data (HTTM_DATA_DIR), no other server
// dotnet run --project src/Api -- --db "Host=…"      → joins a PostgreSQL cluster
// Content (the dashboard's files) comes from beside the binaries, whatever the working directory is.
return await HttmCommandLine.RunAsync(args, ApiUsage.Program, async () =>
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.Configuration.AddHttmSources(args);
    builder.AddHttmApi();
    var app = builder.Build();
    app.UseHttmApi();
    await app.RunAsync();
});

/// <summary>Visible to WebApplicationFactory in tests.</summary>
public partial class Program;
