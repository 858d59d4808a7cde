namespace HttmOrleans.Recommend.Serving;

/// <summary>
/// One catalogue-sized score buffer per thread, reused across requests, so the hot path allocates nothing
/// proportional to the catalogue.
/// </summary>
internal static class ScratchBuffer
{
    [ThreadStatic]
    private static float[]? t_scores;

    public static Span<float> Scores(int length)
    {
        var buffer = t_scores;
        if (buffer is null || buffer.Length < length)
        {
            buffer = new float[Math.Max(length, 16)];
            t_scores = buffer;
        }

        return buffer.AsSpan(0, length);
    }
}
