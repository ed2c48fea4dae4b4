using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Pacer.Cli.Doctor;

/// <summary>
/// Works out whether a run's target is on this machine: a host that resolves to a loopback address or to one of this
/// machine's own addresses shares its CPU with Pacer. Resolution and the local addresses are given, so tests decide them.
/// </summary>
/// <param name="resolve">Resolves a host name to its addresses (throws <see cref="SocketException"/> when it does not resolve).</param>
/// <param name="localAddresses">The addresses of this machine's interfaces.</param>
/// <param name="resolveTimeout">How long a name may take to resolve before the answer is "unknown".</param>
internal sealed class TargetLocator(Func<string, CancellationToken, Task<IPAddress[]>> resolve, IReadOnlyCollection<IPAddress> localAddresses, TimeSpan resolveTimeout)
{
    /// <summary>This machine: DNS (5 s at most a name) and its network interfaces.</summary>
    public static TargetLocator ForThisMachine() => new(Dns.GetHostAddressesAsync, InterfaceAddresses(), TimeSpan.FromSeconds(5));

    /// <summary>Where <paramref name="hosts"/> are; unknown when there are none or one does not resolve.</summary>
    public async Task<TargetPlacement> LocateAsync(IReadOnlyList<string> hosts, CancellationToken cancellationToken)
    {
        if (hosts.Count == 0)
        {
            return new(null, "no target given (a plan or --url)");
        }

        var details = new List<string>();
        var local = false;
        foreach (var host in hosts)
        {
            IPAddress[] addresses;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(resolveTimeout);
            try
            {
                addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await resolve(host, timeout.Token);
            }
            catch (Exception e) when (e is SocketException or ArgumentException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // A name that does not resolve here is an answer too: where the target is cannot be told from this machine.
                return new(null, $"{host} does not resolve ({(e is OperationCanceledException ? $"no answer in {resolveTimeout.TotalSeconds:0.###} s" : e.Message)})");
            }

            var mine = addresses.Where(a => IPAddress.IsLoopback(a) || localAddresses.Contains(Normal(a))).ToList();
            local |= mine.Count > 0;
            var shown = (mine.Count > 0 ? mine : [.. addresses]).Take(3).Select(a => a.ToString());
            details.Add(host == string.Join(", ", shown) ? host : $"{host} ({string.Join(", ", shown)})");
        }

        return new(local, string.Join("; ", details));
    }

    // An IPv4 address can come back mapped into IPv6 (::ffff:10.0.0.5); the interfaces list it plainly.
    private static IPAddress Normal(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static IPAddress[] InterfaceAddresses()
    {
        try
        {
            return [.. NetworkInterface.GetAllNetworkInterfaces().SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(u => u.Address)];
        }
        catch (NetworkInformationException)
        {
            // Without the interface list only loopback addresses are known to be local; the check still names the addresses.
            return [];
        }
    }
}
