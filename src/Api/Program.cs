using HttmOrleans.Api;
using HttmOrleans.Storage.Configuration;

// The API node: REST under /api/v1, the seed routes, serving, and (by default) an in-process silo.
// dotnet run --project src/Api                       → SQLite under ./data (HTTM_DATA_DIR), no other server
// dotnet run --project src/Api -- --db "Host=…"      → joins a PostgreSQL cluster
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddHttmSources(args);
builder.AddHttmApi();
var app = builder.Build();
app.UseHttmApi();
await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in tests.</summary>
public partial class Program;
