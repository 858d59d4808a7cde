using HttmOrleans.DataChefs.Csv;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.DataChefs.Pipeline;
using HttmOrleans.DataChefs.Queue;
using HttmOrleans.DataChefs.Rest;
using HttmOrleans.DataChefs.Sql;

namespace HttmOrleans.DataChefs;

/// <summary>The one place a definition becomes a source, and a dataset kind a coercer.</summary>
public static class DataSourceFactory
{
    /// <summary>Creates the source for a definition.</summary>
    /// <exception cref="SourceValidationException">The definition is invalid (the API answers 422).</exception>
    /// <exception cref="SourceNotAvailableException">The kind's client library is not in this build (the API answers 501).</exception>
    public static IDataSource Create(SourceDefinition definition, SourceEnvironment environment) => definition switch
    {
        CsvSourceDefinition csv => new CsvDataSource(csv, environment),
        SqlSourceDefinition sql => new SqlDataSource(sql, environment),
        RestSourceDefinition rest => new RestDataSource(rest, environment),
        RabbitMqSourceDefinition rabbit => new RabbitMqDataSource(rabbit, environment),
        UnavailableSourceDefinition unavailable => throw unavailable.NotAvailable(),
        _ => throw new SourceNotAvailableException(definition.Kind, "none"),
    };

    /// <summary>
    /// Validates a definition and its mapping together, as the API does on create and update.
    /// Unavailable kinds throw <see cref="SourceNotAvailableException"/> rather than report errors.
    /// </summary>
    public static IReadOnlyList<SourceValidationError> Validate(
        SourceDefinition definition, string? mapping, DatasetKind kind, SourceEnvironment environment)
    {
        if (definition is UnavailableSourceDefinition unavailable)
        {
            throw unavailable.NotAvailable();
        }

        return [.. definition.Validate(environment), .. ColumnMapping.TryParse(mapping, kind, out _)];
    }
}
