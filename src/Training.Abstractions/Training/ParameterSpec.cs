using System.Text.Json.Nodes;

namespace HttmOrleans.Grains.Training;

/// <summary>One hyperparameter of an algorithm, as the API documents it.</summary>
/// <param name="Name">The name in requests (snake_case).</param>
/// <param name="Type"><c>int</c>, <c>float</c>, <c>bool</c>, <c>string</c> or <c>choice</c>.</param>
/// <param name="Default">The value used when the request leaves it out.</param>
/// <param name="Min">Smallest accepted value for numbers.</param>
/// <param name="Max">Largest accepted value for numbers.</param>
/// <param name="Choices">Accepted values for <c>choice</c>.</param>
/// <param name="Description">What it does, for humans.</param>
public sealed record ParameterSpec(
    string Name,
    string Type,
    JsonNode? Default,
    double? Min,
    double? Max,
    IReadOnlyList<string>? Choices,
    string Description);
