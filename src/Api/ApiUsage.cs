using HttmOrleans.Storage.Configuration;

namespace HttmOrleans.Api;

/// <summary>What <c>--help</c> prints for the API node.</summary>
internal static class ApiUsage
{
    public static readonly HttmUsage Program = new("httm-api", """
        Usage: dotnet HttmOrleans.Api.dll [options]
               dotnet run --project src/Api -- [options]

        An API node: the REST API under /api/v1, the seed routes, the dashboard, serving, and an
        in-process silo. Without --db it keeps everything in SQLite under ./data (one node, no other
        server); with a PostgreSQL --db it joins that cluster.

        Options:
          --urls <urls>           where to listen, e.g. http://127.0.0.1:8080 (default http://localhost:5000)
          --db <connection>       the database: a PostgreSQL connection string ("Host=…;Database=httm;…")
                                  or a SQLite file (default: <data folder>/httm.db)
          --provider <name>       postgres or sqlite (default: from --db; Host=… is PostgreSQL)
          --capabilities <list>   what the in-process silo offers, comma-separated, e.g. cpu,gpu (default cpu)
          --id <name>             this node's name (default: from role, host and process id)
          --address <ip>          the IP other silos reach this one on (PostgreSQL cluster; default: this host's)
          --silo-port <port>      silo-to-silo port (default 11111; give each process on one machine its own)
          --gateway-port <port>   client gateway port (default 30000; likewise)
          --max-jobs <n>          jobs (trainings, materializations) run at once on this silo (default 2)
          --plugins <paths>       comma-separated assemblies whose ISiloPlugin classes add grains and trainers
          --environment <name>    Production (default) or Development: which appsettings.<name>.json is read
          --Section:Key=<value>   any other setting, e.g. --Httm:Uploads:MaxBytes=104857600 (docs/security.md)
          -h, --help              print this text

        Environment (an option wins over its variable):
          HTTM_DB, HTTM_PROVIDER, HTTM_CAPABILITIES, HTTM_SILO_ID, HTTM_MAX_JOBS, HTTM_PLUGINS
                                  the same as --db, --provider, --capabilities, --id, --max-jobs, --plugins
          HTTM_DATA_DIR           the data folder (default ./data, where the command is run)
          HTTM_ADMIN_USER, HTTM_ADMIN_PASSWORD
                                  the first admin, created on the first start (there is no built-in password)
          Httm__Section__Key      any setting, e.g. Httm__Artifacts__Store=folder

        Examples:
          HTTM_ADMIN_USER=admin HTTM_ADMIN_PASSWORD=change-me dotnet run --project src/Api -- --urls http://127.0.0.1:8080
          HTTM_DB="$DB" dotnet HttmOrleans.Api.dll --urls http://0.0.0.0:8080 --capabilities cpu

        Exit codes: 0 stopped (SIGTERM, Ctrl+C) or --help; 2 a bad or missing setting, an unknown
        option, a database that cannot be reached, a port in use (one line on stderr).

        """)
    {
        Options = ["--urls"],
    };
}
