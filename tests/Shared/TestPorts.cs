using System.Net;
using System.Net.Sockets;

namespace HttmOrleans.Tests.Shared;

/// <summary>
/// Ports for silos, gateways and hosts that a test starts, handed out so that test projects running at
/// the same time never get the same one (linked into every test project that listens, one copy).
/// </summary>
/// <remarks>
/// Asking the OS for port 0 and releasing it is not enough: the port comes from the ephemeral range, so
/// between the release and the silo's bind any outgoing connection of any process (to PostgreSQL, over
/// HTTP) may be given it, and the bind fails with <see cref="AddressInUseException"/>. These ports come
/// from below that range instead, where the OS never hands out ports on its own, and each is reserved
/// across processes by a lock on a file that this process holds until it exits.
/// </remarks>
public static class TestPorts
{
    /// <summary>Below Linux's default ephemeral range (32768–60999) and above the registered services' usual ports.</summary>
    private const int First = 20000;

    private const int Count = 12000;

    private static readonly string LockFolder = Path.Combine(Path.GetTempPath(), "httm-test-ports");
    private static readonly List<FileStream> Held = [];
    private static readonly Lock Gate = new();
    private static int _cursor = Random.Shared.Next(Count);

    /// <summary>One port nobody listens on, reserved for this process.</summary>
    public static int Take() => Take(1)[0];

    /// <summary><paramref name="count"/> distinct ports nobody listens on, reserved for this process.</summary>
    public static int[] Take(int count)
    {
        Directory.CreateDirectory(LockFolder);
        var ports = new int[count];
        lock (Gate)
        {
            for (var i = 0; i < count; i++) ports[i] = Next();
        }
        return ports;
    }

    private static int Next()
    {
        for (var tried = 0; tried < Count; tried++)
        {
            var port = First + _cursor;
            _cursor = (_cursor + 1) % Count;
            if (!TryReserve(port)) continue;
            if (CanListen(port)) return port;
        }
        throw new InvalidOperationException($"no free port in {First}–{First + Count - 1}: every one is reserved or in use");
    }

    private static bool TryReserve(int port)
    {
        try
        {
            // FileShare.None takes an exclusive lock that another process's open fails on; the OS drops it when this process exits.
            Held.Add(new FileStream(Path.Combine(LockFolder, $"{port}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool CanListen(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
