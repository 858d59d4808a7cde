using HttmOrleans.Grains;
using HttmOrleans.Hosting;
using HttmOrleans.Hosting.Dashboard;
using HttmOrleans.Silo;
using HttmOrleans.Storage.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// A headless silo: grains, trainers and job workers, no HTTP.
// dotnet run --project src/Silo -- --db "Host=…;Database=httm" --capabilities cpu,gpu
// appsettings.json comes from beside the binaries; ./data stays relative to where the command is run.
return await HttmCommandLine.RunAsync(args, SiloUsage.Program, async () =>
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.Configuration.AddHttmSources(args);
    if (string.IsNullOrEmpty(builder.Configuration["Httm:Silo:Role"])) builder.Configuration["Httm:Silo:Role"] = "silo";
    // Every silo feeds the Orleans dashboard the API node serves at /orleans/.
    builder.UseOrleans(silo => silo.UseHttmCluster(builder.Configuration).AddHttmOrleansDashboard());
    builder.Services.AddHttmGrains(o =>
    {
        o.DataDirectory = Environment.GetEnvironmentVariable("HTTM_DATA_DIR") ?? builder.Configuration["Httm:DataDirectory"] ?? "data";
        o.DataChefs = DataChefOptions.From(builder.Configuration);
        o.ReadSiloSettings(builder.Configuration);
        DataChefSecretBox.LoadKey(o);
    });
    builder.Services.AddHttmTrainers(builder.Configuration);
    builder.Services.AddHttmPlugins(builder.Configuration);
    builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
    await builder.Build().RunAsync();
});
