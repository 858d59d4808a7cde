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

    /// <summary>Least time between two progress reports of a job to its owner (Httm:Silo:ProgressInterval).</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many jobs this silo runs at once (Httm:Silo:MaxConcurrentJobs, <c>--max-jobs</c>); more wait for a slot.</summary>
    public int MaxConcurrentJobs { get; set; } = 2;

    /// <summary>Reads <c>Httm:Silo:ProgressInterval</c> and <c>Httm:Silo:MaxConcurrentJobs</c>; a value that does not parse is refused naming its key.</summary>
    public void ReadSiloSettings(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var silo = configuration.GetSection("Httm:Silo");
        if (silo["ProgressInterval"] is { Length: > 0 } interval)
        {
            ProgressInterval = TimeSpan.TryParse(interval, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero
                ? parsed : throw new HttmOrleans.Storage.Configuration.HttmSettingException("Httm:Silo:ProgressInterval", $"must be a positive time span such as 00:00:01 (got '{interval}')");
        }

        if (silo["MaxConcurrentJobs"] is { Length: > 0 } jobs)
        {
            MaxConcurrentJobs = int.TryParse(jobs, System.Globalization.CultureInfo.InvariantCulture, out var max) && max is >= 1 and <= 256
                ? max : throw new HttmOrleans.Storage.Configuration.HttmSettingException("Httm:Silo:MaxConcurrentJobs", $"must be a whole number from 1 to 256 (got '{jobs}')");
        }
    }

    /// <summary>Scratch folders of running trainings.</summary>
    public string WorkDirectory => Path.Combine(DataDirectory, "work");

    /// <summary>Unpacked artifacts this node serves or retrains from.</summary>
    public string CacheDirectory => Path.Combine(DataDirectory, "cache");
}
