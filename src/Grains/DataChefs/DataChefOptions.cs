using Microsoft.Extensions.Configuration;

namespace HttmOrleans.Grains;

/// <summary>What data chefs may reach (section <c>Httm:DataChefs</c>; docs/security.md).</summary>
public sealed class DataChefOptions
{
    /// <summary>
    /// The only folder server-path CSV and SQLite sources read from (CSV may also name an upload).
    /// Default <c>{data}/sources</c>; relative paths in a source are resolved against the data folder.
    /// </summary>
    public string? SourceDirectory { get; set; }

    /// <summary>
    /// Host names (<c>api.internal</c>, <c>*.corp.example</c>), addresses and CIDR ranges REST sources may
    /// reach although they are internal (loopback, private, link-local, this server's own). Empty by default.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; set; } = [];

    /// <summary>Lets SQL sources read the server's own PostgreSQL database. Off by default; the SQLite file never.</summary>
    public bool AllowServerDatabase { get; set; }

    /// <summary>
    /// The key that seals stored secrets (32 bytes; created 0600 when missing). Default
    /// <c>{data}/datachef-secrets.key</c>; every node of a cluster must be given the same file.
    /// </summary>
    public string? SecretKeyFile { get; set; }

    /// <summary>The server's own database connection string (<c>Httm:Database</c>), which sources may not open.</summary>
    public string? ServerDatabase { get; set; }

    /// <summary>
    /// Reads <c>Httm:DataChefs</c> and <c>Httm:Database</c>. <c>AllowedHosts</c> may be a list or one
    /// comma-separated value (<c>HTTM__DATACHEFS__ALLOWEDHOSTS=127.0.0.1,10.0.0.0/8</c>).
    /// </summary>
    public static DataChefOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Httm:DataChefs");
        var hosts = section.GetSection("AllowedHosts");
        var entries = hosts.Value is { } one ? [one] : hosts.GetChildren().Select(c => c.Value ?? "");
        return new DataChefOptions
        {
            SourceDirectory = section["SourceDirectory"] is { Length: > 0 } folder ? folder : null,
            AllowedHosts = [.. entries.SelectMany(e => e.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
            AllowServerDatabase = bool.TryParse(section["AllowServerDatabase"], out var allow) && allow,
            SecretKeyFile = section["SecretKeyFile"] is { Length: > 0 } key ? key : null,
            ServerDatabase = configuration["Httm:Database"],
        };
    }
}
