using System.Text.Json;
using System.Text.Json.Serialization;

namespace HttmOrleans.DataChefs.Definitions;

/// <summary>
/// Where a data chef reads from. Serialized with a <c>kind</c> discriminator:
/// <c>csv</c>, <c>sql</c>, <c>rest</c>, <c>rabbitmq</c>, and the kinds this build cannot
/// serve (<c>kafka</c>, <c>mongodb</c>, <c>mysql</c>), which still deserialize so the API can
/// answer 501 instead of a parse error.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(CsvSourceDefinition), "csv")]
[JsonDerivedType(typeof(SqlSourceDefinition), "sql")]
[JsonDerivedType(typeof(RestSourceDefinition), "rest")]
[JsonDerivedType(typeof(RabbitMqSourceDefinition), "rabbitmq")]
[JsonDerivedType(typeof(KafkaSourceDefinition), "kafka")]
[JsonDerivedType(typeof(MongoDbSourceDefinition), "mongodb")]
[JsonDerivedType(typeof(MySqlSourceDefinition), "mysql")]
public abstract record SourceDefinition
{
    /// <summary>The discriminator value, e.g. <c>csv</c>.</summary>
    [JsonIgnore]
    public abstract string Kind { get; }

    /// <summary>Every problem with the definition; empty when it can be used.</summary>
    public abstract IReadOnlyList<SourceValidationError> Validate(SourceEnvironment environment);

    /// <summary>A copy safe to return from the API: every secret replaced by <see cref="Secrets.Mask"/>.</summary>
    public abstract SourceDefinition Redacted();

    /// <summary>
    /// Every secret value <see cref="Redacted"/> hides (passwords, tokens, whole connection strings and URLs),
    /// so messages that may echo one (a driver's exception) can be scrubbed of it.
    /// </summary>
    public abstract IReadOnlyCollection<string> SecretValues();

    /// <summary>Throws <see cref="SourceValidationException"/> when <see cref="Validate"/> finds problems.</summary>
    public void EnsureValid(SourceEnvironment environment)
    {
        var errors = Validate(environment);
        if (errors.Count > 0)
        {
            throw new SourceValidationException(errors);
        }
    }

    // Records print every property by default; a definition holding a password must not.
    public sealed override string ToString() =>
        JsonSerializer.Serialize<SourceDefinition>(Redacted());
}
