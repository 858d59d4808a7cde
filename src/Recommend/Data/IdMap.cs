namespace HttmOrleans.Recommend.Data;

/// <summary>Maps external string ids to dense indexes 0..Count-1 and back, in order of first appearance.</summary>
public sealed class IdMap
{
    private readonly Dictionary<string, int> _index;
    private readonly List<string> _ids;

    /// <summary>Creates an empty map.</summary>
    public IdMap()
    {
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        _ids = [];
    }

    /// <summary>Creates a map whose index i is <paramref name="ids"/>[i]; ids must be distinct.</summary>
    public IdMap(IEnumerable<string> ids)
        : this()
    {
        foreach (var id in ids)
        {
            if (_index.ContainsKey(id))
            {
                throw new ArgumentException($"Duplicate id '{id}'.", nameof(ids));
            }

            GetOrAdd(id);
        }
    }

    /// <summary>Number of distinct ids.</summary>
    public int Count => _ids.Count;

    /// <summary>Ids in index order.</summary>
    public IReadOnlyList<string> Ids => _ids;

    /// <summary>The external id of dense index <paramref name="index"/>.</summary>
    public string this[int index] => _ids[index];

    /// <summary>Returns the index of <paramref name="id"/>, adding it when new.</summary>
    public int GetOrAdd(string id)
    {
        if (_index.TryGetValue(id, out var existing))
        {
            return existing;
        }

        var next = _ids.Count;
        _index.Add(id, next);
        _ids.Add(id);
        return next;
    }

    /// <summary>Looks up an id without adding it.</summary>
    public bool TryGetIndex(string id, out int index) => _index.TryGetValue(id, out index);
}
