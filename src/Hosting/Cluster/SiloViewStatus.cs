using Orleans.Runtime;

namespace HttmOrleans.Hosting.Cluster;

/// <summary>The four states <see cref="SiloView.Status"/> takes, folded from Orleans' seven.</summary>
public static class SiloViewStatus
{
    public const string Joining = "joining";
    public const string Active = "active";
    public const string ShuttingDown = "shutting_down";
    public const string Dead = "dead";

    /// <summary>Created and joining read as joining; shutting down and stopping as shutting down.</summary>
    public static string From(SiloStatus status) => status switch
    {
        SiloStatus.Active => Active,
        SiloStatus.ShuttingDown or SiloStatus.Stopping => ShuttingDown,
        SiloStatus.Dead => Dead,
        _ => Joining,
    };

    internal static int Rank(string status) => status switch
    {
        Active => 0,
        Joining => 1,
        ShuttingDown => 2,
        _ => 3,
    };
}
