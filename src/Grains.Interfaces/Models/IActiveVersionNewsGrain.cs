namespace HttmOrleans.Grains.Models;

/// <summary>
/// The cluster's news of active-version changes (key: <c>default</c>): API nodes subscribe their
/// <see cref="IActiveVersionListener"/> (and renew it, since a subscription expires and is lost when
/// the grain moves), registries publish after each change.
/// </summary>
public interface IActiveVersionNewsGrain : IGrainWithStringKey
{
    /// <summary>Adds or renews a listener.</summary>
    Task Subscribe(IActiveVersionListener listener);

    /// <summary>Removes a listener.</summary>
    Task Unsubscribe(IActiveVersionListener listener);

    /// <summary>Tells every listener that <paramref name="modelId"/>'s active version changed.</summary>
    Task Publish(string modelId);
}
