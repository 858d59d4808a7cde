using System.Text.Json.Serialization;

namespace HttmOrleans.DataChefs.Definitions;

/// <summary>A mysql source: recognised, but its client library (MySqlConnector) is not in this build.</summary>
public sealed record MySqlSourceDefinition : UnavailableSourceDefinition
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => "mysql";

    /// <inheritdoc />
    [JsonIgnore]
    public override string ClientLibrary => "MySqlConnector";
}
