using System.Globalization;

namespace HttmOrleans.Recommend.Hyperparameters;

/// <summary>One documented hyperparameter: its type, default, bounds and accepted spellings.</summary>
public sealed record HyperparameterSpec
{
    private HyperparameterSpec(string name, HyperparameterKind kind, object defaultValue, string description)
    {
        Name = name;
        Kind = kind;
        Default = defaultValue;
        Description = description;
    }

    /// <summary>Canonical name, used in resolved values and stored metrics.</summary>
    public string Name { get; }

    /// <summary>The accepted JSON shape.</summary>
    public HyperparameterKind Kind { get; }

    /// <summary>Value used when the caller leaves the field out (int, double, bool or string).</summary>
    public object Default { get; }

    /// <summary>What the parameter does, for the API's schema listing.</summary>
    public string Description { get; }

    /// <summary>Inclusive lower bound for numbers.</summary>
    public double? Min { get; private init; }

    /// <summary>Inclusive upper bound for numbers.</summary>
    public double? Max { get; private init; }

    /// <summary>Allowed values for <see cref="HyperparameterKind.Choice"/>.</summary>
    public IReadOnlyList<string> Choices { get; private init; } = [];

    /// <summary>Other accepted spellings (for example the seed's <c>n_components</c>).</summary>
    public IReadOnlyList<string> Aliases { get; private init; } = [];

    /// <summary>An integer parameter with inclusive bounds.</summary>
    public static HyperparameterSpec Int(string name, int defaultValue, int min, int max, string description, params string[] aliases) =>
        new(name, HyperparameterKind.Int, defaultValue, description) { Min = min, Max = max, Aliases = aliases };

    /// <summary>A real parameter with inclusive bounds.</summary>
    public static HyperparameterSpec Float(string name, double defaultValue, double min, double max, string description, params string[] aliases) =>
        new(name, HyperparameterKind.Float, defaultValue, description) { Min = min, Max = max, Aliases = aliases };

    /// <summary>A boolean parameter.</summary>
    public static HyperparameterSpec Bool(string name, bool defaultValue, string description) =>
        new(name, HyperparameterKind.Bool, defaultValue, description);

    /// <summary>A parameter that takes one of a fixed set of strings.</summary>
    public static HyperparameterSpec Choice(string name, string defaultValue, IReadOnlyList<string> choices, string description) =>
        new(name, HyperparameterKind.Choice, defaultValue, description) { Choices = choices };

    /// <summary>Human-readable range, e.g. "an integer from 1 to 1000".</summary>
    public string DescribeRange() => Kind switch
    {
        HyperparameterKind.Int => string.Create(CultureInfo.InvariantCulture, $"an integer from {Min} to {Max}"),
        HyperparameterKind.Float => string.Create(CultureInfo.InvariantCulture, $"a number from {Min} to {Max}"),
        HyperparameterKind.Bool => "true or false",
        _ => "one of " + string.Join(", ", Choices.Select(c => $"\"{c}\"")),
    };
}
