namespace HttmOrleans.Recommend.Serving;

/// <summary>
/// The per-node holder of a model's active version. Readers take <see cref="Current"/> once per request and use only
/// that reference, so a swap never mixes two versions in one response; the swap itself is a single reference write.
/// </summary>
public sealed class ActiveModelSlot
{
    private ActiveModel? _current;

    /// <summary>The active version, or null before the first activation.</summary>
    public ActiveModel? Current => Volatile.Read(ref _current);

    /// <summary>Makes <paramref name="next"/> the active version and returns the one it replaced.</summary>
    public ActiveModel? Activate(ActiveModel next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return Interlocked.Exchange(ref _current, next);
    }

    /// <summary>Activates only if <paramref name="expected"/> is still current, so two racing loaders cannot roll back a newer version.</summary>
    public bool TryActivate(ActiveModel? expected, ActiveModel next) =>
        ReferenceEquals(Interlocked.CompareExchange(ref _current, next, expected), expected);
}
