using System.Net;
using System.Net.Sockets;
using HttmOrleans.DataChefs.Rest;
using Npgsql;

namespace HttmOrleans.DataChefs.Sql;

/// <summary>
/// Whether two PostgreSQL connection strings reach the same database: same port, same database
/// name (Npgsql's default is the user name) and a host in common, where every name for this machine
/// (localhost, 127.0.0.1, ::1, its own addresses) counts as one host.
/// </summary>
internal static class PostgresTargets
{
    public static bool Same(NpgsqlConnectionStringBuilder source, string server)
    {
        NpgsqlConnectionStringBuilder own;
        try
        {
            own = new NpgsqlConnectionStringBuilder(server);
        }
        catch (ArgumentException)
        {
            return false;
        }

        if (!string.Equals(Database(source), Database(own), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var ours = Endpoints(own).ToList();
        return Endpoints(source).Any(s => ours.Any(o => o.Port == s.Port && SameHost(o.Host, s.Host)));
    }

    private static string Database(NpgsqlConnectionStringBuilder b) => b.Database is { Length: > 0 } d ? d : b.Username ?? "";

    // Npgsql reads "h1,h2:5433" as several hosts; a host without a port takes the Port key's.
    private static IEnumerable<(string Host, int Port)> Endpoints(NpgsqlConnectionStringBuilder b)
    {
        foreach (var raw in (b.Host ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = raw.LastIndexOf(':');
            var bracket = raw.LastIndexOf(']');
            if (colon > bracket && raw.IndexOf(':') == colon && int.TryParse(raw[(colon + 1)..], out var port))
            {
                yield return (raw[..colon], port);
            }
            else
            {
                yield return (raw, b.Port);
            }
        }
    }

    private static bool SameHost(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var left = Addresses(a);
        var right = Addresses(b);
        return (left.Count > 0 && right.Count > 0 && left.All(HostPolicy.IsOwnAddress) && right.All(HostPolicy.IsOwnAddress))
            || left.Intersect(right).Any();
    }

    private static List<IPAddress> Addresses(string host)
    {
        if (host.StartsWith('/'))
        {
            // A Unix socket folder is on this machine.
            return [IPAddress.Loopback];
        }

        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return [literal];
        }

        try
        {
            return [.. Dns.GetHostAddresses(host)];
        }
        catch (SocketException)
        {
            return [];
        }
    }
}
