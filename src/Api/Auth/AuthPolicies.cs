namespace HttmOrleans.Api.Auth;

/// <summary>Names of the authorization policies and roles.</summary>
public static class AuthPolicies
{
    /// <summary>An admin token is needed. The default for <c>RequireAuthorization()</c>.</summary>
    public const string Admin = "admin";

    /// <summary>The role every valid token carries (every account is an admin).</summary>
    public const string AdminRole = "admin";
}
