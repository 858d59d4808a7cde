using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Storage;

namespace HttmOrleans.Hosting.Storage;

/// <summary>
/// Grain state as UTF-8 JSON (System.Text.Json, web defaults, enums as snake_case strings): the same
/// shape the API shows, readable by SQL for catalog listings, and no type names embedded in the rows.
/// </summary>
public sealed class JsonGrainStorageSerializer : IGrainStorageSerializer
{
    public static readonly JsonGrainStorageSerializer Instance = new();

    /// <summary>The options of the stored shape (also for job payloads and events).</summary>
    public static readonly JsonSerializerOptions Options = CreateOptions();

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)!;

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
