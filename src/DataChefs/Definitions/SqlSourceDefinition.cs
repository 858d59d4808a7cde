using System.Text.Json.Serialization;
using HttmOrleans.DataChefs.Sql;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HttmOrleans.DataChefs.Definitions;

/// <summary>
/// A query against PostgreSQL or SQLite, run read-only with a statement timeout and a row
/// limit, streamed row by row.
/// </summary>
public sealed record SqlSourceDefinition : SourceDefinition
{
    /// <summary>Providers this build can open.</summary>
    public static readonly IReadOnlyList<string> Providers = ["postgresql", "sqlite"];

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => "sql";

    /// <summary><c>postgresql</c> or <c>sqlite</c>.</summary>
    [JsonPropertyName("provider")]
    public string Provider { get; init; } = "postgresql";

    /// <summary>An ADO.NET connection string. A secret: its password is redacted on the way out.</summary>
    [JsonPropertyName("connection_string")]
    public string ConnectionString { get; init; } = string.Empty;

    /// <summary>One SELECT (or any read-only statement).</summary>
    [JsonPropertyName("query")]
    public string Query { get; init; } = string.Empty;

    /// <summary>
    /// Timeout in seconds (1 to 3600) for the whole query, including the time its rows take
    /// to stream, so large extracts need a larger value.
    /// </summary>
    [JsonPropertyName("timeout_seconds")]
    public int TimeoutSeconds { get; init; } = 300;

    /// <summary>The most rows read; the report notes when the limit cut the result short.</summary>
    [JsonPropertyName("row_limit")]
    public long RowLimit { get; init; } = 50_000_000;

    /// <inheritdoc />
    public override IReadOnlyList<SourceValidationError> Validate(SourceEnvironment environment)
    {
        var errors = new List<SourceValidationError>();
        if (string.IsNullOrWhiteSpace(Query))
        {
            errors.Add(new("query", "The query is empty."));
        }

        if (TimeoutSeconds is < 1 or > 3600)
        {
            errors.Add(new("timeout_seconds", "The timeout must be between 1 and 3600 seconds."));
        }

        if (RowLimit < 1)
        {
            errors.Add(new("row_limit", "The row limit must be at least 1."));
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            errors.Add(new("connection_string", "The connection string is empty."));
            return errors;
        }

        switch (Provider)
        {
            case "postgresql":
                ValidatePostgres(environment, errors);
                break;
            case "sqlite":
                ValidateSqlite(environment, errors);
                break;
            default:
                errors.Add(new("provider", "The provider must be 'postgresql' or 'sqlite' (MySQL is not available in this build)."));
                break;
        }

        return errors;
    }

    /// <inheritdoc />
    public override SourceDefinition Redacted() =>
        this with { ConnectionString = Secrets.RedactConnectionString(ConnectionString) };

    /// <inheritdoc />
    public override IReadOnlyCollection<string> SecretValues()
    {
        var secrets = new List<string>();
        Secrets.CollectConnectionString(ConnectionString, secrets);
        return secrets;
    }

    /// <summary>The SQLite file this definition opens, resolved inside the source folder.</summary>
    internal string ResolveSqliteFile(SourceEnvironment environment)
    {
        var builder = new SqliteConnectionStringBuilder(ConnectionString);
        var full = string.Empty;
        if (!SqliteFiles.TryPath(builder.DataSource, out var path, out var reason)
            || !DataRootGuard.TryResolveSource(environment, path, allowUploads: false, out full, out reason))
        {
            throw new SourceValidationException([new SourceValidationError("connection_string", reason)]);
        }

        return full;
    }

    private void ValidatePostgres(SourceEnvironment environment, List<SourceValidationError> errors)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                errors.Add(new("connection_string", "The connection string names no Host."));
            }
            else if (!environment.AllowServerDatabase && environment.ServerPostgres is { } server && PostgresTargets.Same(builder, server))
            {
                errors.Add(new("connection_string",
                    "The connection string names this server's own database, which data chefs may not read (Httm:DataChefs:AllowServerDatabase)."));
            }
        }
        catch (ArgumentException)
        {
            // The parser's message may echo the string, password included, so it is not passed on.
            errors.Add(new("connection_string", "The connection string is not a valid PostgreSQL connection string."));
        }
    }

    private void ValidateSqlite(SourceEnvironment environment, List<SourceValidationError> errors)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException)
        {
            errors.Add(new("connection_string", "The connection string is not a valid SQLite connection string."));
            return;
        }

        if (builder.Mode == SqliteOpenMode.Memory || string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:")
        {
            errors.Add(new("connection_string", "A SQLite source must name a database file."));
            return;
        }

        var full = string.Empty;
        if (!SqliteFiles.TryPath(builder.DataSource, out var path, out var reason)
            || !DataRootGuard.TryResolveSource(environment, path, allowUploads: false, out full, out reason))
        {
            errors.Add(new("connection_string", reason));
        }
        else if (!File.Exists(full))
        {
            errors.Add(new("connection_string", "The SQLite database file does not exist."));
        }
    }
}
