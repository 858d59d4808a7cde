using System.Text.Json;
using System.Text.Json.Nodes;
using HttmOrleans.Grains.Training;
using HttmOrleans.Recommend.Hyperparameters;

namespace HttmOrleans.Recommend.Training;

/// <summary>Translates between the recommender's own hyperparameter schema and the server's trainer contract.</summary>
internal static class ParameterMapping
{
    public static ParameterSpec ToParameterSpec(HyperparameterSpec spec)
    {
        var description = spec.Aliases.Count == 0
            ? spec.Description
            : $"{spec.Description} Also accepted as: {string.Join(", ", spec.Aliases)}.";
        return spec.Kind switch
        {
            HyperparameterKind.Int => new ParameterSpec(spec.Name, "int", ToNode(spec.Default), spec.Min, spec.Max, null, description),
            HyperparameterKind.Float => new ParameterSpec(spec.Name, "float", ToNode(spec.Default), spec.Min, spec.Max, null, description),
            HyperparameterKind.Bool => new ParameterSpec(spec.Name, "bool", ToNode(spec.Default), null, null, null, description),
            _ => new ParameterSpec(spec.Name, "choice", ToNode(spec.Default), null, null, spec.Choices, description),
        };
    }

    /// <summary>The caller's object as JSON elements; a null property stays a JSON null so it is refused as a wrong type.</summary>
    public static Dictionary<string, JsonElement> ToElements(JsonObject? given)
    {
        var elements = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (given is null)
        {
            return elements;
        }

        foreach (var (name, node) in given)
        {
            elements[name] = node is null ? JsonSerializer.SerializeToElement<object?>(null) : JsonSerializer.SerializeToElement(node);
        }

        return elements;
    }

    public static JsonObject ToJsonObject(IEnumerable<HyperparameterSpec> order, ResolvedHyperparameters values)
    {
        var result = new JsonObject();
        foreach (var spec in order)
        {
            result[spec.Name] = ToNode(values.Values[spec.Name]);
        }

        return result;
    }

    public static JsonNode? ToNode(object value) => value switch
    {
        int i => JsonValue.Create(i),
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        _ => throw new ArgumentException($"Unsupported hyperparameter value type {value.GetType().Name}.", nameof(value)),
    };
}
