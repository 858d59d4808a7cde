namespace HttmOrleans.Storage.Configuration;

/// <summary>
/// A setting that names something unusable (a plugin file that is missing or holds no plugin). The
/// message starts with the setting's key; <see cref="HttmCommandLine"/> prints it as the one line.
/// </summary>
public sealed class HttmSettingException : Exception
{
    public HttmSettingException(string setting, string reason, Exception? inner = null)
        : base($"{setting} {reason}", inner) => Setting = setting;

    /// <summary>The configuration key, e.g. <c>Httm:Plugins</c>.</summary>
    public string Setting { get; }
}
