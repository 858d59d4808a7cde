using System.Text.Json;
using System.Text.Json.Serialization;

namespace HttmOrleans.Runtime;

/// <summary>The one JSON shape for grain state, messages and events: camelCase, enums as strings.</summary>
public static class RuntimeJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
