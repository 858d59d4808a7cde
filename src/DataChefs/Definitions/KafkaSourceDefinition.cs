using System.Text.Json.Serialization;

namespace HttmOrleans.DataChefs.Definitions;

/// <summary>A kafka source: recognised, but its client library (Confluent.Kafka) is not in this build.</summary>
public sealed record KafkaSourceDefinition : UnavailableSourceDefinition
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => "kafka";

    /// <inheritdoc />
    [JsonIgnore]
    public override string ClientLibrary => "Confluent.Kafka";
}
