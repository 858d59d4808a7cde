namespace HttmOrleans.Summarization.Rouge;

/// <summary>Longest common subsequence, with the same tie-breaking as <c>rouge-score</c>'s backtrack.</summary>
internal static class Lcs
{
    public static int[,] Table(IReadOnlyList<string> reference, IReadOnlyList<string> candidate)
    {
        var table = new int[reference.Count + 1, candidate.Count + 1];
        for (var i = 1; i <= reference.Count; i++)
        {
            for (var j = 1; j <= candidate.Count; j++)
            {
                table[i, j] = string.Equals(reference[i - 1], candidate[j - 1], StringComparison.Ordinal)
                    ? table[i - 1, j - 1] + 1
                    : Math.Max(table[i - 1, j], table[i, j - 1]);
            }
        }
        return table;
    }

    public static int Length(IReadOnlyList<string> reference, IReadOnlyList<string> candidate)
    {
        // Two rows suffice for the length; the full table is only needed to read the subsequence out.
        var previous = new int[candidate.Count + 1];
        var current = new int[candidate.Count + 1];
        for (var i = 1; i <= reference.Count; i++)
        {
            for (var j = 1; j <= candidate.Count; j++)
            {
                current[j] = string.Equals(reference[i - 1], candidate[j - 1], StringComparison.Ordinal)
                    ? previous[j - 1] + 1
                    : Math.Max(previous[j], current[j - 1]);
            }
            (previous, current) = (current, previous);
        }
        return previous[candidate.Count];
    }

    /// <summary>Indices into <paramref name="reference"/> of one longest common subsequence.</summary>
    public static List<int> ReferenceIndices(IReadOnlyList<string> reference, IReadOnlyList<string> candidate)
    {
        var table = Table(reference, candidate);
        var i = reference.Count;
        var j = candidate.Count;
        var indices = new List<int>();
        while (i > 0 && j > 0)
        {
            if (string.Equals(reference[i - 1], candidate[j - 1], StringComparison.Ordinal))
            {
                indices.Add(i - 1);
                i--;
                j--;
            }
            else if (table[i, j - 1] > table[i - 1, j])
            {
                j--;
            }
            else
            {
                i--;
            }
        }
        indices.Reverse();
        return indices;
    }
}
