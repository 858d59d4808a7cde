using System.Collections.Concurrent;
using System.Diagnostics;

namespace HttmOrleans.OrleansBench;

/// <summary>
/// Counts the commands Npgsql sends (its "Npgsql" activity source: one activity per command or
/// batch, each one round trip), grouped by their first words, to show where a grain write's trips go.
/// </summary>
internal sealed class StatementCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentDictionary<string, long> _counts = new();
    private volatile bool _on;

    public StatementCounter()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Npgsql", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (_on) _counts.AddOrUpdate(Describe(activity), 1, (_, n) => n + 1);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Start()
    {
        _counts.Clear();
        _on = true;
    }

    public IReadOnlyDictionary<string, long> Stop()
    {
        _on = false;
        return new Dictionary<string, long>(_counts);
    }

    private static string Describe(Activity activity)
    {
        var text = activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string ?? activity.DisplayName;
        var words = text.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Take(4));
    }

    public void Dispose() => _listener.Dispose();
}
