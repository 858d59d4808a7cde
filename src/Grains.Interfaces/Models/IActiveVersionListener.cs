namespace HttmOrleans.Grains.Models;

/// <summary>An API node's ear for registry changes (an Orleans grain observer; one-way).</summary>
public interface IActiveVersionListener : IGrainObserver
{
    /// <summary>The active version of <paramref name="modelId"/> changed: load the new one.</summary>
    void ActiveChanged(string modelId);
}
