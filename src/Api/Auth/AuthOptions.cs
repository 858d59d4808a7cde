namespace HttmOrleans.Api.Auth;

/// <summary>The <c>Httm:Auth</c> settings (docs/security.md); checked at start-up by <see cref="AuthOptionsValidator"/>.</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Httm:Auth";

    /// <summary>When true, reads need an admin token too (except the OpenAPI document, Swagger UI and the dashboard's files).</summary>
    public bool ProtectReads { get; set; }

    /// <summary>Login back-off (<c>Httm:Auth:Login</c>).</summary>
    public LoginLimits Login { get; set; } = new();
}
