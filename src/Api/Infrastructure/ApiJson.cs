using System.Text.Json;
using System.Text.Json.Serialization;

namespace HttmOrleans.Api.Infrastructure;

/// <summary>The wire format: snake_case names (as the seed servers), enums as strings, nulls kept.</summary>
internal static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        options.Converters.Add(new CheckedJsonObjectConverter());
        options.Converters.Add(new CheckedStringConverter());
    }
}
