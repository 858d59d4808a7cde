namespace HttmOrleans.Api.Auth;

/// <summary>At start-up (after the runtime has migrated): the token key, and the first admin from HTTM_ADMIN_USER / HTTM_ADMIN_PASSWORD.</summary>
internal sealed class AdminBootstrap(TokenService tokens, IConfiguration configuration, ILogger<AdminBootstrap> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        tokens.BootstrapAsync(
            Environment.GetEnvironmentVariable("HTTM_ADMIN_USER") ?? configuration["Httm:Admin:User"],
            Environment.GetEnvironmentVariable("HTTM_ADMIN_PASSWORD") ?? configuration["Httm:Admin:Password"],
            logger);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
