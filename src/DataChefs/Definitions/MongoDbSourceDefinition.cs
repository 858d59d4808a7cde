using System.Text.Json.Serialization;

namespace HttmOrleans.DataChefs.Definitions;

/// <summary>A mongodb source: recognised, but its client library (MongoDB.Driver) is not in this build.</summary>
public sealed record MongoDbSourceDefinition : UnavailableSourceDefinition
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => "mongodb";

    /// <inheritdoc />
    [JsonIgnore]
    public override string ClientLibrary => "MongoDB.Driver";
}
