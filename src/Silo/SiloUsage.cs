using HttmOrleans.Storage.Configuration;

namespace HttmOrleans.Silo;

/// <summary>What <c>--help</c> prints for the headless silo, and what it cannot start without.</summary>
internal static class SiloUsage
{
    // No default database: the README's silos join an API node's cluster on PostgreSQL, and a silo
    // quietly opening its own ./data/httm.db would be a cluster of one that no API node sends work to.
    public static readonly HttmUsage Program = new("httm-silo", """
        Usage: dotnet HttmOrleans.Silo.dll --db <connection> [options]
               dotnet run --project src/Silo -- --db <connection> [options]

        A headless silo: joins the cluster on its database and runs grains, reminders and training
        jobs. It serves no HTTP; an API node (src/Api) serves the cluster.

        Options:
          --db <connection>       the cluster's database (required): a PostgreSQL connection string,
                                  e.g. "Host=127.0.0.1;Port=5432;Database=httm;Username=httm;Password=…"
          --provider <name>       postgres or sqlite (default: from --db; Host=… is PostgreSQL)
          --capabilities <list>   what this silo offers, comma-separated, e.g. cpu,gpu (default cpu)
          --id <name>             this silo's name (default: from role, host and process id)
          --address <ip>          the IP other silos reach this one on (PostgreSQL cluster; default: this host's)
          --silo-port <port>      silo-to-silo port (default 11111; give each process on one machine its own)
          --gateway-port <port>   client gateway port (default 30000; likewise)
          --max-jobs <n>          jobs (trainings, materializations) run at once on this silo (default 2)
          --plugins <paths>       comma-separated assemblies whose ISiloPlugin classes add grains and trainers
          --environment <name>    Production (default) or Development: which appsettings.<name>.json is read
          --Section:Key=<value>   any other setting, e.g. --Httm:Cluster:SiloPort=11112 (docs/orleans.md)
          -h, --help              print this text

        Environment (an option wins over its variable):
          HTTM_DB, HTTM_PROVIDER, HTTM_CAPABILITIES, HTTM_SILO_ID, HTTM_MAX_JOBS, HTTM_PLUGINS
                                  the same as --db, --provider, --capabilities, --id, --max-jobs, --plugins
          HTTM_DATA_DIR           the data folder (default ./data, where the command is run)
          Httm__Section__Key      any setting, e.g. Httm__Cluster__SiloPort=11112

        Examples:
          dotnet run --project src/Silo -- --db "$DB" --capabilities cpu --id silo-cpu-1
          HTTM_DB="$DB" HTTM_CAPABILITIES=cpu,gpu dotnet HttmOrleans.Silo.dll --id silo-gpu-1

        Exit codes: 0 stopped (SIGTERM, Ctrl+C) or --help; 2 a bad or missing setting, an unknown
        option, a database that cannot be reached, a port in use (one line on stderr).

        """)
    {
        RequiresDatabase = true,
    };
}
