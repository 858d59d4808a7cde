namespace HttmOrleans.Storage.Configuration;

/// <summary>
/// What a program tells <see cref="HttmCommandLine"/> about itself: the name its errors start with,
/// the text <c>--help</c> prints, and what it cannot start without.
/// </summary>
public sealed record HttmUsage(string Name, string Text)
{
    /// <summary>
    /// Options the program accepts besides <see cref="HttmConfiguration.Switches"/>, the host's own
    /// (<c>--environment</c>, <c>--contentRoot</c>, <c>--applicationName</c>) and <c>--Section:Key</c>, e.g. <c>--urls</c>.
    /// </summary>
    public IReadOnlyCollection<string> Options { get; init; } = [];

    /// <summary>True when the program has no default database (<c>--db</c>, <c>HTTM_DB</c>, <c>Httm:Database</c>).</summary>
    public bool RequiresDatabase { get; init; }
}
