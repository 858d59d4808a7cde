namespace HttmOrleans.Grains;

/// <summary>Where the server keeps files (section <c>Httm:Grains</c>; <c>HTTM_DATA_DIR</c> sets <see cref="DataDirectory"/>).</summary>
public sealed class GrainsOptions
{
    /// <summary>Root for the SQLite file, artifacts, work folders and caches. Default <c>./data</c>.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary><c>folder</c> or <c>database</c>; default: folder on SQLite, database on PostgreSQL (every node sees it).</summary>
    public string? ArtifactStore { get; set; }

    /// <summary>The artifact folder (default <c>{DataDirectory}/artifacts</c>; a shared mount for a cluster).</summary>
    public string? ArtifactDirectory { get; set; }

    /// <summary>What data chefs may reach.</summary>
    public DataChefOptions DataChefs { get; set; } = new();

    /// <summary>Scratch folders of running trainings.</summary>
    /// <summary>Least time between two progress reports of a job to its owner (Httm:Silo:ProgressInterval).</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Reads <c>Httm:Silo:ProgressInterval</c> (default 1 s).</summary>
    public static TimeSpan ProgressIntervalFrom(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        TimeSpan.TryParse(configuration["Httm:Silo:ProgressInterval"], System.Globalization.CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero
            ? interval : TimeSpan.FromSeconds(1);

    public string WorkDirectory => Path.Combine(DataDirectory, "work");

    /// <summary>Unpacked artifacts this node serves or retrains from.</summary>
    public string CacheDirectory => Path.Combine(DataDirectory, "cache");
}
