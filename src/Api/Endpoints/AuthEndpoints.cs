using HttmOrleans.Api.Auth;
using HttmOrleans.Api.Infrastructure;
using HttmOrleans.Grains;

namespace HttmOrleans.Api.Endpoints;

internal static class AuthEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/auth/login", async (LoginRequest? body, TokenService tokens) =>
        {
            var errors = new List<HttmOrleans.Grains.Training.FieldError>();
            if (string.IsNullOrWhiteSpace(body?.Username)) errors.Add(new("username", "Required."));
            if (string.IsNullOrEmpty(body?.Password)) errors.Add(new("password", "Required."));
            if (errors.Count > 0) throw new ValidationException(errors);
            var token = await tokens.LoginAsync(body!.Username!, body.Password!);
            return token is null
                ? Results.Problem(statusCode: 401, title: "Unauthorized", detail: "Unknown user or wrong password.")
                : Results.Ok(new { access_token = token, token_type = "bearer", expires_in = (int)TokenService.Lifetime.TotalSeconds });
        }).WithTags("auth").WithSummary("Log in as an admin; returns a bearer token for writes.");
    }
}
