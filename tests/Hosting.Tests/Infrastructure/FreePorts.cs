using System.Net;
using System.Net.Sockets;

namespace HttmOrleans.Hosting.Tests.Infrastructure;

public static class FreePorts
{
    /// <summary>Ports the OS just handed out, so silos with real sockets in parallel tests do not collide.</summary>
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}
