using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace HttmOrleans.Storage.Configuration;

/// <summary>
/// The settings a program cannot start without, checked before its host is built, so a missing or
/// malformed database is one line instead of a host that fails half-way through starting.
/// </summary>
internal static class HttmSettingsCheck
{
    /// <summary>What is wrong with the database setting, or null.</summary>
    public static string? Problem(string[] args, HttmUsage usage)
    {
        var configuration = Read(args);
        var database = configuration["Httm:Database"];
        if (string.IsNullOrWhiteSpace(database))
            return usage.RequiresDatabase
                ? "no database: give --db \"Host=…;Database=httm;Username=…\" or set HTTM_DB (see --help)"
                : null;
        return ConnectionStringProblem(configuration["Httm:Provider"], database);
    }

    // The sources a host reads the Httm section from, in its order: the files beside the binaries,
    // the environment, then the command line (which wins).
    private static IConfiguration Read(string[] args)
    {
        // The environment name the way a host picks it: --environment, then DOTNET_ / ASPNETCORE_ENVIRONMENT.
        var hostSettings = new ConfigurationBuilder().AddEnvironmentVariables("ASPNETCORE_").AddEnvironmentVariables("DOTNET_").AddCommandLine(args).Build();
        var environment = hostSettings["environment"] is { Length: > 0 } name ? name : "Production";
        var builder = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args);
        builder.AddHttmSources(args);
        return builder.Build();
    }

    // Mirrors the hosts' provider detection (RuntimeOptions, HttmClusterOptions): Host=/Server= is PostgreSQL,
    // anything else SQLite; an unknown provider is left to the hosts' validators, which name it.
    private static string? ConnectionStringProblem(string? provider, string database)
    {
        var effective = provider is { Length: > 0 } p ? p.ToLowerInvariant()
            : database.Contains("Host=", StringComparison.OrdinalIgnoreCase) || database.Contains("Server=", StringComparison.OrdinalIgnoreCase) ? "postgres"
            : "sqlite";
        try
        {
            if (effective == "postgres") _ = new NpgsqlConnectionStringBuilder(database);
            else if (effective == "sqlite" && database.Contains('=', StringComparison.Ordinal)) _ = new SqliteConnectionStringBuilder(database);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            // The message names the keyword or position, never the value (which may hold a password).
            var kind = effective == "postgres" ? "PostgreSQL" : "SQLite";
            return $"Httm:Database is not a valid {kind} connection string: {HttmStartupFailure.WithoutParameter(e)}";
        }
    }
}
