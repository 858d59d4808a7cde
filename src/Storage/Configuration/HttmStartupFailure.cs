using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HttmOrleans.Storage.Configuration;

/// <summary>
/// Tells the start-up failures a user causes (a bad setting, a database that cannot be reached or
/// opened, a port in use) from crashes, and words each as one line. Anything else is a crash and is
/// left to surface with its stack trace.
/// </summary>
internal static class HttmStartupFailure
{
    private const int Permission = 3, ReadOnly = 8, CantOpen = 14, NotADatabase = 26;

    /// <summary>One line saying what the user got wrong, or null when <paramref name="exception"/> is a crash.</summary>
    public static string? Describe(Exception exception)
    {
        // Hosts and Orleans wrap what went wrong (lifecycle, aggregate, DI exceptions): look inside.
        foreach (var e in Chain(exception))
        {
            var line = e switch
            {
                OptionsValidationException or HttmSettingException => e.Message,
                // A value that does not convert (ProbeTimeout=abc): the binder names the key and the type.
                InvalidOperationException when e.Source == "Microsoft.Extensions.Configuration.Binder" => e.Message,
                PostgresException p when IsConnectionProblem(p.SqlState) => $"cannot use the database: {p.MessageText}",
                PostgresException => null,
                NpgsqlException => $"cannot reach the database: {WithCauses(e)}",
                SqliteException s when s.SqliteErrorCode is CantOpen or NotADatabase or ReadOnly or Permission => $"cannot open the database: {s.Message}",
                ArgumentException when e.Source is "Npgsql" or "Microsoft.Data.Sqlite" or "System.Data.Common" =>
                    $"Httm:Database is not a valid connection string: {WithoutParameter(e)}",
                // Kestrel's message names the address.
                IOException when e.InnerException is AddressInUseException => e.Message,
                SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } => $"a port is already in use: {e.Message}",
                _ => null,
            };
            if (line is not null) return OneLine(line);
        }
        return null;
    }

    // 08: connection exception, 28: invalid authorization, 3D000: no such database, 53300: too many
    // connections, 57P03: the server is starting up. Every other SQL state is a bug, not a setting.
    private static bool IsConnectionProblem(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState.StartsWith("28", StringComparison.Ordinal)
        || sqlState is "3D000" or "53300" or "57P03";

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Queue<Exception>([exception]);
        while (pending.TryDequeue(out var e))
        {
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions) pending.Enqueue(inner);
            else if (e.InnerException is { } inner)
                pending.Enqueue(inner);
        }
    }

    // "Failed to connect to 127.0.0.1:1" says where; its inner "Connection refused" says why.
    private static string WithCauses(Exception e)
    {
        var parts = new List<string>();
        for (var current = e; current is not null; current = current.InnerException)
            if (!parts.Contains(current.Message)) parts.Add(current.Message);
        return string.Join(": ", parts);
    }

    internal static string WithoutParameter(Exception e) =>
        e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
