namespace HttmOrleans.Recommend.Serving;

/// <summary>
/// A bounded min-heap over caller-provided spans: keeps the best k (score, item) pairs seen so far without
/// allocating. Ties go to the lower item index so results are deterministic.
/// </summary>
internal ref struct TopK
{
    private readonly Span<int> _items;
    private readonly Span<float> _scores;
    private int _count;

    public TopK(Span<int> items, Span<float> scores)
    {
        _items = items;
        _scores = scores;
        _count = 0;
    }

    public readonly int Count => _count;

    /// <summary>The worst score kept once full; anything not above it is rejected quickly.</summary>
    public readonly float Threshold => _count < _items.Length ? float.NegativeInfinity : _scores[0];

    public void Add(int item, float score)
    {
        if (_items.Length == 0 || float.IsNaN(score))
        {
            return;
        }

        if (_count < _items.Length)
        {
            var at = _count++;
            _items[at] = item;
            _scores[at] = score;
            SiftUp(at);
        }
        else if (Better(score, item, _scores[0], _items[0]))
        {
            _items[0] = item;
            _scores[0] = score;
            SiftDown(0);
        }
    }

    /// <summary>Sorts the kept pairs best first and returns how many there are.</summary>
    public int SortDescending()
    {
        // Heap-sort in place: repeatedly move the worst to the end of the shrinking heap.
        var n = _count;
        for (var end = n - 1; end > 0; end--)
        {
            Swap(0, end);
            _count = end;
            SiftDown(0);
        }

        _count = n;
        return n;
    }

    private static bool Better(float score, int item, float otherScore, int otherItem) =>
        score > otherScore || (score == otherScore && item < otherItem);

    private void SiftUp(int at)
    {
        while (at > 0)
        {
            var parent = (at - 1) / 2;
            if (!Better(_scores[parent], _items[parent], _scores[at], _items[at]))
            {
                return;
            }

            Swap(at, parent);
            at = parent;
        }
    }

    private void SiftDown(int at)
    {
        while (true)
        {
            var left = (2 * at) + 1;
            if (left >= _count)
            {
                return;
            }

            var worst = left;
            var right = left + 1;
            if (right < _count && Better(_scores[worst], _items[worst], _scores[right], _items[right]))
            {
                worst = right;
            }

            if (!Better(_scores[at], _items[at], _scores[worst], _items[worst]))
            {
                return;
            }

            Swap(at, worst);
            at = worst;
        }
    }

    private readonly void Swap(int a, int b)
    {
        (_items[a], _items[b]) = (_items[b], _items[a]);
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
    }
}
