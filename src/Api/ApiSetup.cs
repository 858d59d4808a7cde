using HttmOrleans.Api.Auth;
using HttmOrleans.Api.Endpoints;
using HttmOrleans.Api.Infrastructure;
using HttmOrleans.Api.Serving;
using HttmOrleans.Grains;
using HttmOrleans.Hosting;
using HttmOrleans.Hosting.Dashboard;
using HttmOrleans.Storage.Configuration;

namespace HttmOrleans.Api;

/// <summary>Services and pipeline of an API node.</summary>
public static class ApiSetup
{
    /// <summary>The data folder: <c>HTTM_DATA_DIR</c>, then <c>Httm:DataDirectory</c>, then <c>./data</c>.</summary>
    public static string DataDirectory(IConfiguration configuration) =>
        Path.GetFullPath(Environment.GetEnvironmentVariable("HTTM_DATA_DIR") is { Length: > 0 } env ? env : configuration["Httm:DataDirectory"] ?? "data");

    public static WebApplicationBuilder AddHttmApi(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var data = DataDirectory(configuration);
        Directory.CreateDirectory(data);
        if (string.IsNullOrWhiteSpace(configuration["Httm:Database"]))
            configuration["Httm:Database"] = "Data Source=" + Path.Combine(data, "httm.db");

        var services = builder.Services;
        // The API node co-hosts a silo (role api): with the embedded default it is the whole cluster.
        if (string.IsNullOrEmpty(configuration["Httm:Silo:Role"])) configuration["Httm:Silo:Role"] = "api";
        builder.UseOrleans(silo => silo.UseHttmCluster(configuration).AddHttmOrleansDashboard());
        services.AddHttmGrains(o =>
        {
            o.ReadSiloSettings(configuration);
            o.DataDirectory = data;
            o.ArtifactStore = configuration["Httm:Artifacts:Store"];
            o.ArtifactDirectory = configuration["Httm:Artifacts:Directory"];
            o.DataChefs = DataChefOptions.From(configuration);
            // Where users put files for server-path sources; a malformed AllowedHosts entry fails start-up here.
            Directory.CreateDirectory(MaterializeJobHandler.SourceDirectory(o));
            _ = new HttmOrleans.DataChefs.Rest.HostPolicy(o.DataChefs.AllowedHosts);
            // Stored chefs' secrets are sealed with this key: load it before the first read.
            DataChefSecretBox.LoadKey(o);
        });
        services.AddHttmTrainers(configuration);
        services.AddHttmPlugins(configuration);

        services.AddOptions<UploadOptions>().Bind(configuration.GetSection(UploadOptions.Section)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<UploadOptions>, UploadOptions.Validator>();
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        // A body that cannot be bound reaches ProblemMapping, which names the field (not an empty 400).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemMapping>();
        services.AddOpenApi("v1");
        services.AddHttmAuth(configuration);
        services.AddSingleton<VersionCleanup>();
        services.AddSingleton<RecentlySeenModels>();
        services.AddSingleton<ActiveVersionListener>();
        services.AddHostedService(sp => sp.GetRequiredService<ActiveVersionListener>());
        services.AddSingleton<RecommendationServing>();
        services.AddSingleton<SummarizationServing>();
        services.AddHostedService<AdminBootstrap>();
        return builder;
    }

    public static WebApplication UseHttmApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The Orleans dashboard's pages carry the token as a cookie (set by /dashboard's login), only under /orleans.
        app.UseHttmTokenCookie("/orleans");
        app.UseAuthentication();
        // Static files come before authorization: the dashboard's page and scripts (and Swagger UI's) hold no
        // data and must load for the login form to show even when reads need a token.
        app.UseMiddleware<MultipartBoundaryCheck>();
        app.UseMiddleware<QueryTextCheck>();
        // Only the dashboard is static; other paths skip the file-system lookup (the serving hot path).
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/dashboard", StringComparison.Ordinal), b => b.UseStaticFiles());
        // Swagger UI matches every request's path with a regular expression: keep it off the other paths too.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/swagger", StringComparison.Ordinal), b => b.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "HttmOrleans v1");
            o.RoutePrefix = "swagger";
        }));
        // Who may call what is decided per matched endpoint (Auth/EndpointAccess): writes need an admin unless marked open.
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapGet("/", () => Results.Redirect("/swagger")).ExcludeFromDescription().AllowAnonymous();

        // Every route, seed ones included, holds the ids it is given to the id rule.
        var root = app.MapGroup("").AddEndpointFilterFactory(IdChecks.Factory);
        var api = root.MapGroup("/api/v1");
        AuthEndpoints.Map(api);
        DatasetEndpoints.Map(api);
        ModelEndpoints.Map(api);
        ServingEndpoints.Map(api);
        SummarizeEndpoints.Map(api);
        TaskEndpoints.Map(api);
        TaskRunEndpoints.Map(api);
        ClusterEndpoints.Map(api);
        DataChefEndpoints.Map(api);
        GrainEndpoints.Map(api);
        Dashboard.DashboardEndpoints.Map(app);
        app.MapHttmOrleansDashboard("/orleans", AuthPolicies.Admin, loginPath: "/dashboard/").ExcludeFromDescription();
        SeedEndpoints.Map(root);
        SeedEndpoints.Map(api);
        return app;
    }
}
