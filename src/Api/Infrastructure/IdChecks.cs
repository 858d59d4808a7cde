using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HttmOrleans.Api.Infrastructure;

/// <summary>
/// Holds every id a request names to the id rule (<see cref="Ids.Require"/>) before a handler runs:
/// route and query parameters, fields of the typed bodies and of the seed routes' raw JSON objects.
/// Checking here, by name, covers routes added later too; a grain key is never empty, a path or
/// megabytes long. Whether the named object exists is for the handler or grain (404 naming the field).
/// </summary>
internal static class IdChecks
{
    // Route and query parameters that name a server object. user_id and item_id are data, not names.
    private static readonly HashSet<string> ParameterNames =
        ["id", "name", "version", "model_id", "dataset_id", "data_chef_id", "task_name", "task_id", "base_version"];

    // Fields of a raw JSON body. "id" and "name" are left out: the seed's id is "{model_id}/{version}"
    // and a data chef's name is a label; the handlers check the ids they create (Ids.OrNew).
    private static readonly HashSet<string> BodyFields =
        ["model_id", "dataset_id", "data_chef_id", "task_name", "task_id", "version", "base_version", "base_model_id",
         "interactions_data_chef_id", "user_features_data_chef_id", "item_features_data_chef_id", "user_features_dataset_id", "item_features_dataset_id"];

    // Properties of typed bodies (Requests.cs) that reference an object; Id and Name are checked where they are created.
    private static readonly HashSet<string> BodyProperties =
        ["ModelId", "DatasetId", "DataChefId", "Version", "BaseVersion",
         "InteractionsDataChefId", "UserFeaturesDataChefId", "ItemFeaturesDataChefId", "UserFeaturesDatasetId", "ItemFeaturesDatasetId"];

    public static EndpointFilterDelegate Factory(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var checks = new List<(int Index, Action<object?, HttpContext> Check)>();
        var parameters = context.MethodInfo.GetParameters();
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            if (parameter.ParameterType == typeof(string) && parameter.Name is { } name && ParameterNames.Contains(name))
                checks.Add((i, (value, http) => CheckParameter(name, value as string, http)));
            else if (parameter.ParameterType == typeof(JsonObject))
                checks.Add((i, (value, _) => CheckObject(value as JsonObject)));
            else if (TypedBody(parameter.ParameterType) is { Count: > 0 } properties)
                checks.Add((i, (value, _) => CheckRecord(value, properties)));
        }

        if (checks.Count == 0) return next;
        return invocation =>
        {
            foreach (var (index, check) in checks) check(invocation.Arguments[index], invocation.HttpContext);
            return next(invocation);
        };
    }

    private static void CheckParameter(string name, string? value, HttpContext http)
    {
        if (value is null) return;
        // A catch-all segment ({**id}) holds a path such as "{model_id}/{version}"; its handler splits and checks it.
        if (http.GetEndpoint() is RouteEndpoint endpoint && endpoint.RoutePattern.GetParameter(name)?.IsCatchAll == true) return;
        Ids.Require(value, name);
    }

    private static void CheckObject(JsonObject? body)
    {
        if (body is null) return;
        foreach (var field in BodyFields)
        {
            if (body[field] is JsonValue value && value.GetValueKind() == JsonValueKind.String) Ids.Require(value.GetValue<string>(), field);
        }
    }

    private static void CheckRecord(object? body, List<(PropertyInfo Property, string Field)> properties)
    {
        if (body is null) return;
        foreach (var (property, field) in properties)
        {
            if (property.GetValue(body) is string value) Ids.Require(value, field);
        }
    }

    private static List<(PropertyInfo, string)>? TypedBody(Type type)
    {
        if (type.Namespace != "HttmOrleans.Api.Endpoints" || !type.IsClass) return null;
        return [.. type.GetProperties()
            .Where(p => p.PropertyType == typeof(string) && BodyProperties.Contains(p.Name))
            .Select(p => (p, JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)))];
    }
}
