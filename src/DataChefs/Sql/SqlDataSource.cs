using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Pipeline;

namespace HttmOrleans.DataChefs.Sql;

/// <summary>A read-only, time- and row-limited query against PostgreSQL or SQLite.</summary>
public sealed class SqlDataSource : IDataSource
{
    private readonly SqlSourceDefinition _definition;
    private readonly string? _sqliteFile;

    /// <summary>Validates the definition; a SQLite file must lie inside the data root.</summary>
    public SqlDataSource(SqlSourceDefinition definition, SourceEnvironment environment)
    {
        definition.EnsureValid(environment);
        _definition = definition;
        _sqliteFile = definition.Provider == "sqlite" ? definition.ResolveSqliteFile(environment) : null;
    }

    /// <inheritdoc />
    public string Kind => "sql";

    /// <inheritdoc />
    public async ValueTask<ISourceReader> OpenAsync(CancellationToken cancellationToken) => _sqliteFile is null
        ? await PostgresSourceReader.OpenAsync(_definition, cancellationToken)
        : SqliteSourceReader.Open(_definition, _sqliteFile);
}
