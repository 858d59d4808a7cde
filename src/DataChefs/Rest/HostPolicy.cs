using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace HttmOrleans.DataChefs.Rest;

/// <summary>
/// Which addresses a REST source may connect to. Refused unless allowed: loopback, unspecified,
/// link-local, multicast, broadcast and reserved, private and carrier-grade NAT ranges, unique-local
/// IPv6, and every address of this machine's interfaces (IPv4-mapped and NAT64 forms are judged by
/// the IPv4 address inside). An admin allows host names (exact, or <c>*.example.com</c>), single
/// addresses or CIDR ranges (<c>Httm:DataChefs:AllowedHosts</c>).
/// </summary>
public sealed class HostPolicy
{
    private static readonly (IPAddress Network, int Bits, string What)[] Refused =
    [
        (IPAddress.Parse("0.0.0.0"), 8, "an unspecified address"),
        (IPAddress.Parse("127.0.0.0"), 8, "a loopback address"),
        (IPAddress.Parse("169.254.0.0"), 16, "a link-local address"),
        (IPAddress.Parse("10.0.0.0"), 8, "a private address"),
        (IPAddress.Parse("172.16.0.0"), 12, "a private address"),
        (IPAddress.Parse("192.168.0.0"), 16, "a private address"),
        (IPAddress.Parse("100.64.0.0"), 10, "a shared (carrier-grade NAT) address"),
        (IPAddress.Parse("192.0.0.0"), 24, "a reserved address"),
        (IPAddress.Parse("198.18.0.0"), 15, "a reserved address"),
        (IPAddress.Parse("224.0.0.0"), 4, "a multicast address"),
        (IPAddress.Parse("240.0.0.0"), 4, "a reserved address"),
        (IPAddress.Parse("::"), 128, "an unspecified address"),
        (IPAddress.Parse("::1"), 128, "a loopback address"),
        (IPAddress.Parse("fe80::"), 10, "a link-local address"),
        (IPAddress.Parse("fec0::"), 10, "a site-local address"),
        (IPAddress.Parse("fc00::"), 7, "a unique-local address"),
        (IPAddress.Parse("ff00::"), 8, "a multicast address"),
    ];

    private static readonly IPAddress Nat64 = IPAddress.Parse("64:ff9b::");

    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _suffixes = [];
    private readonly List<(IPAddress Network, int Bits)> _ranges = [];

    /// <summary>A policy allowing the given entries; null or empty refuses every internal address.</summary>
    /// <exception cref="FormatException">An entry is neither a host name nor an address or CIDR range.</exception>
    public HostPolicy(IEnumerable<string>? allowed = null)
    {
        foreach (var raw in allowed ?? [])
        {
            var entry = raw.Trim().Trim('[', ']');
            if (entry.Length == 0)
            {
                continue;
            }

            if (IPNetwork.TryParse(entry, out var network))
            {
                _ranges.Add((network.BaseAddress, network.PrefixLength));
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                _ranges.Add((Canonical(address), Canonical(address).AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            }
            else if (entry.StartsWith("*.", StringComparison.Ordinal) && Uri.CheckHostName(entry[2..]) == UriHostNameType.Dns)
            {
                _suffixes.Add(entry[1..]);
            }
            else if (Uri.CheckHostName(entry) == UriHostNameType.Dns)
            {
                _names.Add(entry.TrimEnd('.'));
            }
            else
            {
                throw new FormatException($"'{raw}' is not a host name, an IP address or a CIDR range.");
            }
        }
    }

    /// <summary>Refuses every internal address (nothing allowed).</summary>
    public static HostPolicy Default { get; } = new();

    /// <summary>Whether the admin allowed this host name itself, whatever it resolves to.</summary>
    public bool AllowsName(string host)
    {
        var name = host.TrimEnd('.');
        return _names.Contains(name) || _suffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Why <paramref name="address"/> may not be connected to, or null when it may.</summary>
    public string? RefusalFor(IPAddress address)
    {
        var ip = Canonical(address);
        if (_ranges.Any(r => InRange(ip, r.Network, r.Bits)))
        {
            return null;
        }

        foreach (var (network, bits, what) in Refused)
        {
            if (InRange(ip, network, bits))
            {
                return what;
            }
        }

        if (ip.Equals(IPAddress.Broadcast))
        {
            return "the broadcast address";
        }

        return IsOwnAddress(ip) ? "an address of this server" : null;
    }

    /// <summary>Whether <paramref name="address"/> is a loopback address or one of this machine's interfaces.</summary>
    public static bool IsOwnAddress(IPAddress address)
    {
        var ip = Canonical(address);
        return IPAddress.IsLoopback(ip) || OwnAddresses().Any(a => a.Equals(ip));
    }

    /// <summary>
    /// Why the URL's host is refused before any lookup: a name such as <c>localhost</c>, or an IP literal
    /// (decimal and hex IPv4 forms included, as <see cref="Uri"/> normalizes them) that <see cref="RefusalFor(IPAddress)"/> refuses.
    /// Names that need DNS are judged when connecting.
    /// </summary>
    public string? RefusalFor(Uri url)
    {
        var host = url.IdnHost.Trim('[', ']');
        if (AllowsName(host))
        {
            return null;
        }

        if (IPAddress.TryParse(host, out var address))
        {
            return RefusalFor(address);
        }

        var name = host.TrimEnd('.');
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            ? "a loopback address" : null;
    }

    /// <summary>IPv4-mapped and NAT64 IPv6 addresses as the IPv4 address they carry.</summary>
    private static IPAddress Canonical(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && InRange(address, Nat64, 96))
        {
            return new IPAddress(address.GetAddressBytes()[12..]);
        }

        // A scope id (fe80::1%eth0) would make equal addresses compare unequal.
        return address.AddressFamily != AddressFamily.InterNetworkV6 || address.ScopeId == 0 ? address : new IPAddress(address.GetAddressBytes());
    }

    private static bool InRange(IPAddress address, IPAddress network, int bits)
    {
        if (address.AddressFamily != network.AddressFamily)
        {
            return false;
        }

        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        for (var i = 0; i < a.Length && bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (byte)(0xFF << (8 - bits));
            if ((a[i] & mask) != (n[i] & mask))
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<IPAddress> OwnAddresses()
    {
        NetworkInterface[] interfaces;
        try
        {
            interfaces = NetworkInterface.GetAllNetworkInterfaces();
        }
        catch (NetworkInformationException)
        {
            yield break;
        }

        foreach (var nic in interfaces)
        {
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                yield return Canonical(unicast.Address);
            }
        }
    }
}
