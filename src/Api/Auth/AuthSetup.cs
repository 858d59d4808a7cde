using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace HttmOrleans.Api.Auth;

/// <summary>Bearer-token authentication, the admin policy and the fallback every unmarked endpoint gets.</summary>
internal static class AuthSetup
{
    public static IServiceCollection AddHttmAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<LoginThrottle>();

        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<AuthOptions>>((o, auth) =>
        {
            var admin = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(AuthPolicies.AdminRole).Build();
            o.AddPolicy(AuthPolicies.Admin, admin);
            o.DefaultPolicy = admin;
            // Applies to every endpoint without [Authorize]/[AllowAnonymous] metadata of its own: new routes included.
            o.FallbackPolicy = new AuthorizationPolicyBuilder().AddRequirements(new EndpointAccess(auth.Value.ProtectReads)).Build();
        });
        return services;
    }
}
