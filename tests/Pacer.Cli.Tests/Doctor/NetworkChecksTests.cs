using System.Globalization;
using Pacer.Cli.Doctor;

namespace Pacer.Cli.Tests.Doctor;

/// <summary>The checks of what a run's connections need: file descriptors, ephemeral ports, TIME_WAIT reuse, listen backlogs.</summary>
public sealed class NetworkChecksTests
{
    private const string Limits = "Limit                     Soft Limit           Hard Limit           Units     \nMax cpu time              unlimited            unlimited            seconds   \n";

    [Theory]
    [InlineData("20000", "20000", 1000, "Ok", null)]
    [InlineData("unlimited", "unlimited", 100000, "Ok", null)]
    [InlineData("1100", "1100", 1000, "Ok", null)]
    [InlineData("1024", "1048576", 1000, "Limit", "ulimit -n 65536")]
    [InlineData("1024", "4096", 1000, "Limit", "ulimit -n 4096")]
    [InlineData("1024", "4096", 10000, "Limit", "as root: ulimit -Hn 65536 && ulimit -n 65536 (a service: LimitNOFILE=65536; a login: nofile in /etc/security/limits.conf)")]
    [InlineData("20000", "20000", 100000, "Limit", "as root: ulimit -Hn 100100 && ulimit -n 100100 (a service: LimitNOFILE=100100; a login: nofile in /etc/security/limits.conf)")]
    public void OpenFiles_JudgesTheSoftLimitAgainstConnectionsPlusHeadroom(string soft, string hard, int connections, string verdictName, string? fix)
    {
        var verdict = Enum.Parse<DoctorVerdict>(verdictName);
        using var machine = new MachineFixture().With("/proc/self/limits", Limits + $"Max open files            {soft,-20} {hard,-20} files     \n");

        var finding = new OpenFilesCheck().Examine(machine.Context(connections));

        Assert.Equal(verdict, finding.Verdict);
        Assert.Equal(fix, finding.Fix);
        Assert.StartsWith($"soft {(soft == "unlimited" ? soft : int.Parse(soft, CultureInfo.InvariantCulture).ToString("#,0", CultureInfo.InvariantCulture))}, hard ", finding.Found, StringComparison.Ordinal);
        Assert.Contains($"needs {connections + OpenFilesCheck.Headroom:#,0}", finding.Found, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Max cpu time unlimited unlimited seconds")]
    [InlineData("Max open files            lots                 4096                 files")]
    public void OpenFiles_NoOrUnreadableLimits_IsUnknown(string? limits)
    {
        using var machine = new MachineFixture();
        if (limits is not null)
        {
            machine.With("/proc/self/limits", limits);
        }

        var finding = new OpenFilesCheck().Examine(machine.Context());

        Assert.Equal(DoctorVerdict.Unknown, finding.Verdict);
        Assert.Equal("ulimit -n; ulimit -Hn", finding.Fix);
    }

    [Theory]
    [InlineData("32768\t60999", 1000, "Ok")]
    [InlineData("32768\t60999", 14116, "Ok")]
    [InlineData("32768\t60999", 14117, "Warn")]
    [InlineData("32768\t60999", 28232, "Warn")]
    [InlineData("32768\t60999", 28233, "Limit")]
    [InlineData("1024 65535", 30000, "Ok")]
    public void PortRange_HoldsConnectionsToOneTargetAgainstThePorts(string range, int connections, string verdictName)
    {
        var verdict = Enum.Parse<DoctorVerdict>(verdictName);
        using var machine = new MachineFixture().With("/proc/sys/net/ipv4/ip_local_port_range", range + "\n");

        var finding = new PortRangeCheck().Examine(machine.Context(connections));

        Assert.Equal(verdict, finding.Verdict);
        Assert.Equal(verdict == DoctorVerdict.Ok ? null : "sysctl -w net.ipv4.ip_local_port_range=\"1024 65535\"", finding.Fix);
        Assert.Contains($"ports for up to {connections:#,0} connections to one target", finding.Found, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("32768")]
    [InlineData("low high")]
    public void PortRange_AbsentOrMalformed_IsUnknown(string? range)
    {
        using var machine = new MachineFixture();
        if (range is not null)
        {
            machine.With("/proc/sys/net/ipv4/ip_local_port_range", range);
        }

        Assert.Equal(DoctorVerdict.Unknown, new PortRangeCheck().Examine(machine.Context()).Verdict);
    }

    [Theory]
    [InlineData("1", false, "Ok", "1 (on)")]
    [InlineData("2", true, "Ok", "2 (loopback only; the target is on this machine)")]
    [InlineData("2", false, "Warn", "2 (loopback only; the target is remote)")]
    [InlineData("2", null, "Warn", "2 (loopback only; where the target is, is unknown)")]
    [InlineData("0", true, "Warn", "0 (off)")]
    [InlineData("7", false, "Unknown", "7 (not a known setting)")]
    [InlineData(null, false, "Unknown", "unknown (no /proc/sys/net/ipv4/tcp_tw_reuse)")]
    public void TimeWaitReuse_LoopbackOnlyIsEnoughForALocalTarget(string? value, bool? local, string verdictName, string found)
    {
        var verdict = Enum.Parse<DoctorVerdict>(verdictName);
        using var machine = new MachineFixture();
        if (value is not null)
        {
            machine.With("/proc/sys/net/ipv4/tcp_tw_reuse", value + "\n");
        }

        var finding = new TimeWaitReuseCheck().Examine(machine.Context(local: local));

        Assert.Equal(verdict, finding.Verdict);
        Assert.Equal(found, finding.Found);
        Assert.Equal(verdict == DoctorVerdict.Warn ? "sysctl -w net.ipv4.tcp_tw_reuse=1" : verdict == DoctorVerdict.Ok ? null : "sysctl net.ipv4.tcp_tw_reuse", finding.Fix);
    }

    [Theory]
    [InlineData("4096", 1000, false, "Ok", null)]
    [InlineData("128", 1000, false, "Ok", null)]
    [InlineData("4096", 4096, true, "Ok", null)]
    [InlineData("4096", 10000, true, "Warn", "sysctl -w net.core.somaxconn=10000")]
    [InlineData("128", 1000, null, "Warn", "sysctl -w net.core.somaxconn=4096")]
    [InlineData("4096", 100000, true, "Warn", "sysctl -w net.core.somaxconn=65535")]
    public void Somaxconn_MattersOnlyWhenTheTargetMayBeLocal(string value, int connections, bool? local, string verdictName, string? fix)
    {
        var verdict = Enum.Parse<DoctorVerdict>(verdictName);
        using var machine = new MachineFixture().With("/proc/sys/net/core/somaxconn", value + "\n");

        var finding = new ListenBacklogCheck().Examine(machine.Context(connections, local));

        Assert.Equal(verdict, finding.Verdict);
        Assert.Equal(fix, finding.Fix);
        Assert.Contains(local == false ? "the target is remote" : local == true ? "the target is on this machine" : "judged as if on this machine", finding.Found, StringComparison.Ordinal);
    }

    [Fact]
    public void Somaxconn_Absent_IsUnknown()
    {
        using var machine = new MachineFixture();

        Assert.Equal(DoctorVerdict.Unknown, new ListenBacklogCheck().Examine(machine.Context(local: true)).Verdict);
    }
}
