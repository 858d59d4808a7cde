using System.Text.Json;
using HttmOrleans.Hosting.Storage;

namespace HttmOrleans.Grains;

/// <summary>The one JSON shape for grain state (as stored), job payloads and events: camelCase, enums as strings.</summary>
public static class GrainJson
{
    public static JsonSerializerOptions Options => JsonGrainStorageSerializer.Options;
}
