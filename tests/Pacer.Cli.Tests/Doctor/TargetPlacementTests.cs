using System.Net;
using System.Net.Sockets;
using Pacer.Cli.Doctor;

namespace Pacer.Cli.Tests.Doctor;

/// <summary>Whether the target shares this machine's CPU: loopback and this machine's own addresses do, others do not.</summary>
public sealed class TargetPlacementTests
{
    private static readonly IPAddress[] Mine = [IPAddress.Parse("10.1.2.3"), IPAddress.Parse("fe80::1")];

    private static readonly Dictionary<string, IPAddress[]> Names = new(StringComparer.Ordinal)
    {
        ["localhost"] = [IPAddress.Loopback, IPAddress.IPv6Loopback],
        ["myself"] = [IPAddress.Parse("10.1.2.3").MapToIPv6()],
        ["api.example"] = [IPAddress.Parse("203.0.113.7")],
    };

    private static TargetLocator Locator() => new(
        (host, _) => Names.TryGetValue(host, out var addresses) ? Task.FromResult(addresses) : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound)),
        Mine,
        TimeSpan.FromSeconds(5));

    [Theory]
    [InlineData(new[] { "localhost" }, true, "localhost (127.0.0.1, ::1)")]
    [InlineData(new[] { "127.0.0.1" }, true, "127.0.0.1")]
    [InlineData(new[] { "[::1]" }, true, "[::1] (::1)")]
    [InlineData(new[] { "myself" }, true, "myself (::ffff:10.1.2.3)")]
    [InlineData(new[] { "10.1.2.3" }, true, "10.1.2.3")]
    [InlineData(new[] { "api.example" }, false, "api.example (203.0.113.7)")]
    [InlineData(new[] { "api.example", "localhost" }, true, "api.example (203.0.113.7); localhost (127.0.0.1, ::1)")]
    [InlineData(new[] { "198.51.100.1" }, false, "198.51.100.1")]
    public async Task Locate_LoopbackOrOwnAddressIsThisMachine(string[] hosts, bool local, string detail)
    {
        var placement = await Locator().LocateAsync(hosts, CancellationToken.None);

        Assert.Equal(new TargetPlacement(local, detail), placement);
    }

    [Fact]
    public async Task Locate_ANameThatDoesNotResolve_IsUnknown()
    {
        var placement = await Locator().LocateAsync(["localhost", "nowhere.invalid"], CancellationToken.None);

        Assert.Null(placement.OnThisMachine);
        Assert.StartsWith("nowhere.invalid does not resolve (", placement.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Locate_ANameWithoutAnAnswerInTime_IsUnknown()
    {
        var locator = new TargetLocator(async (_, cancel) => { await Task.Delay(Timeout.Infinite, cancel); return []; }, Mine, TimeSpan.FromMilliseconds(50));

        var placement = await locator.LocateAsync(["slow.test"], CancellationToken.None);

        Assert.Equal(new TargetPlacement(null, "slow.test does not resolve (no answer in 0.05 s)"), placement);
    }

    [Fact]
    public async Task Locate_NoHosts_IsUnknown()
    {
        Assert.Equal(new TargetPlacement(null, "no target given (a plan or --url)"), await Locator().LocateAsync([], CancellationToken.None));
    }

    [Theory]
    [InlineData(true, "Warn", "localhost (127.0.0.1): this machine")]
    [InlineData(false, "Ok", "localhost (127.0.0.1): another machine")]
    [InlineData(null, "Unknown", "unknown: localhost (127.0.0.1)")]
    public void Check_ALocalTargetSharesTheCpu(bool? local, string verdictName, string found)
    {
        var verdict = Enum.Parse<DoctorVerdict>(verdictName);
        using var machine = new MachineFixture();
        var context = machine.Context(processorCount: 2) with { Placement = new TargetPlacement(local, "localhost (127.0.0.1)") };

        var finding = new TargetPlacementCheck().Examine(context);

        Assert.Equal(verdict, finding.Verdict);
        Assert.Equal(found, finding.Found);
        Assert.Equal(local == false, finding.Fix is null);
        if (local == true)
        {
            Assert.Contains("share 2 core(s)", finding.Why, StringComparison.Ordinal);
        }
    }
}
