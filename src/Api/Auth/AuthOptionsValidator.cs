using Microsoft.Extensions.Options;

namespace HttmOrleans.Api.Auth;

/// <summary>Refuses to start with login limits that would make no sense (or lock everyone out for days).</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    private static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var login = options.Login;
        const string prefix = AuthOptions.Section + ":Login:";
        var problems = new List<string>();
        if (login.FreeFailuresPerAccount is < 0 or > 10_000) problems.Add($"{prefix}FreeFailuresPerAccount must be between 0 and 10000.");
        if (login.FreeFailuresPerClient is < 0 or > 10_000) problems.Add($"{prefix}FreeFailuresPerClient must be between 0 and 10000.");
        if (login.BaseDelay <= TimeSpan.Zero || login.BaseDelay > Longest) problems.Add($"{prefix}BaseDelay must be more than 0 and at most 1 day.");
        if (login.MaxDelay < login.BaseDelay || login.MaxDelay > Longest) problems.Add($"{prefix}MaxDelay must be at least BaseDelay and at most 1 day.");
        if (login.ForgetAfter < login.MaxDelay) problems.Add($"{prefix}ForgetAfter must be at least MaxDelay, or a wait would be forgotten before it ends.");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
