using System.Net;
using System.Net.Sockets;

namespace HttmOrleans.DataChefs.Rest;

/// <summary>
/// The HTTP client REST sources use: every connection (the first request, each redirect, every
/// retry, whatever DNS answers this time) is checked against the <see cref="HostPolicy"/> on the
/// address actually connected to, so neither a redirect nor DNS rebinding reaches a refused address.
/// No proxy is used (a proxy would connect on our behalf, past the check) and at most 5 redirects are followed.
/// </summary>
public static class GuardedHttp
{
    /// <summary>How many redirects a source follows.</summary>
    public const int MaxRedirects = 5;

    /// <summary>A handler whose connections obey <paramref name="policy"/>.</summary>
    public static SocketsHttpHandler CreateHandler(HostPolicy policy) => new()
    {
        UseProxy = false,
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = MaxRedirects,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var allowedByName = policy.AllowsName(host);
            var refusal = default(string);
            var failure = default(SocketException);
            foreach (var address in addresses)
            {
                if (!allowedByName && policy.RefusalFor(address) is { } why)
                {
                    refusal ??= $"{host} resolves to {why} ({address}), which data chefs may not reach; an admin can allow it in Httm:DataChefs:AllowedHosts.";
                    continue;
                }

                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch (SocketException e)
                {
                    socket.Dispose();
                    failure = e;
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }

            if (refusal is not null)
            {
                throw new HostRefusedException(refusal);
            }

            throw failure ?? new SocketException((int)SocketError.HostNotFound);
        },
    };

    /// <summary>A client on <see cref="CreateHandler"/>; its own timeout is off, each source sets one per request.</summary>
    public static HttpClient CreateClient(HostPolicy policy) => new(CreateHandler(policy)) { Timeout = Timeout.InfiniteTimeSpan };
}
