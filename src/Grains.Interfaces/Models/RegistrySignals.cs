namespace HttmOrleans.Grains.Models;

/// <summary>Cluster-wide signal topics of the registry.</summary>
public static class RegistrySignals
{
    /// <summary>Payload: the model id whose active version changed.</summary>
    public const string ActiveChanged = "active-model";
}
