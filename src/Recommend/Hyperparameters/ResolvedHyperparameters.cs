using System.Globalization;
using System.Text.Json;

namespace HttmOrleans.Recommend.Hyperparameters;

/// <summary>Every parameter of a schema with a validated value (given or default), keyed by canonical name.</summary>
public sealed class ResolvedHyperparameters
{
    private readonly Dictionary<string, object> _values;

    internal ResolvedHyperparameters(Dictionary<string, object> values) => _values = values;

    /// <summary>Values by canonical name: int, double, bool or string.</summary>
    public IReadOnlyDictionary<string, object> Values => _values;

    /// <summary>An integer parameter.</summary>
    public int GetInt(string name) => (int)_values[name];

    /// <summary>A real parameter.</summary>
    public double GetFloat(string name) => (double)_values[name];

    /// <summary>A boolean parameter.</summary>
    public bool GetBool(string name) => (bool)_values[name];

    /// <summary>A choice parameter.</summary>
    public string GetString(string name) => (string)_values[name];

    /// <summary>The values as a JSON object, for a model version's stored parameters.</summary>
    public string ToJson() => JsonSerializer.Serialize(_values);

    /// <summary>Compact "name=value" list for logs and benchmark tables.</summary>
    public override string ToString() =>
        string.Join(' ', _values.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value}")));
}
