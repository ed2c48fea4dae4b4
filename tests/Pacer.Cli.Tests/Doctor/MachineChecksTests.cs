using Pacer.Cli.Doctor;

namespace Pacer.Cli.Tests.Doctor;

/// <summary>The checks of the machine's speed: cores (affinity and cgroup quotas), CPU governor, clock source.</summary>
public sealed class MachineChecksTests
{
    private const string V2Mount = "35 24 0:30 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate\n";
    private const string HybridMounts =
        "36 25 0:31 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw\n" +
        "37 25 0:32 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup rw,cpu,cpuacct\n";

    [Fact]
    public void Cores_TwoAllowedAndNoQuota_IsOk()
    {
        using var machine = new MachineFixture()
            .With("/sys/devices/system/cpu/online", "0-3\n")
            .With("/proc/self/status", "Name:\tpacer\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\n")
            .With("/proc/self/cgroup", "0::/user.slice\n")
            .With("/proc/self/mountinfo", V2Mount)
            .With("/sys/fs/cgroup/user.slice/cpu.max", "max 100000\n");

        var finding = new CoresCheck().Examine(machine.Context(processorCount: 2));

        Assert.Equal(DoctorVerdict.Ok, finding.Verdict);
        Assert.Equal("4 online, 2 allowed (affinity), no cgroup CPU quota, .NET uses 2", finding.Found);
        Assert.Null(finding.Fix);
    }

    [Fact]
    public void Cores_OneAllowed_Warns()
    {
        using var machine = new MachineFixture()
            .With("/sys/devices/system/cpu/online", "0-7")
            .With("/proc/self/status", "Cpus_allowed_list:\t5\n");

        var finding = new CoresCheck().Examine(machine.Context(processorCount: 1));

        Assert.Equal(DoctorVerdict.Warn, finding.Verdict);
        Assert.Equal("8 online, 1 allowed (affinity), no cgroup CPU quota, .NET uses 1", finding.Found);
        Assert.Contains("One core", finding.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Cores_CgroupV2QuotaBelowTheAllowedCores_WarnsNamingItsFile()
    {
        using var machine = new MachineFixture()
            .With("/sys/devices/system/cpu/online", "0-3")
            .With("/proc/self/status", "Cpus_allowed_list:\t0-3\n")
            .With("/proc/self/cgroup", "0::/system.slice/app.service\n")
            .With("/proc/self/mountinfo", V2Mount)
            .With("/sys/fs/cgroup/system.slice/app.service/cpu.max", "150000 100000\n");

        var finding = new CoresCheck().Examine(machine.Context(processorCount: 2));

        Assert.Equal(DoctorVerdict.Warn, finding.Verdict);
        Assert.Contains("cgroup quota 1.5 (/sys/fs/cgroup/system.slice/app.service/cpu.max)", finding.Found, StringComparison.Ordinal);
        Assert.Contains("cpu.max", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Cores_AParentsQuotaIsTighter_TheParentsIsTheOne()
    {
        using var machine = new MachineFixture()
            .With("/proc/self/status", "Cpus_allowed_list:\t0-7\n")
            .With("/proc/self/cgroup", "0::/kubepods/pod1/box\n")
            .With("/proc/self/mountinfo", V2Mount)
            .With("/sys/fs/cgroup/kubepods/pod1/box/cpu.max", "400000 100000")
            .With("/sys/fs/cgroup/kubepods/pod1/cpu.max", "50000 100000")
            .With("/sys/fs/cgroup/kubepods/cpu.max", "max 100000");

        var quota = CgroupCpuQuotaReader.Read(machine.Files);

        Assert.Equal(new CpuQuota(0.5, "/sys/fs/cgroup/kubepods/pod1/cpu.max"), quota);
        Assert.Equal(DoctorVerdict.Warn, new CoresCheck().Examine(machine.Context(processorCount: 1)).Verdict);
    }

    [Fact]
    public void Cores_HybridMachineWithAV1Quota_ReadsTheCpuController()
    {
        using var machine = new MachineFixture()
            .With("/proc/self/status", "Cpus_allowed_list:\t0-1\n")
            .With("/proc/self/cgroup", "4:memory:/x\n2:cpu,cpuacct:/docker/abc\n0::/\n")
            .With("/proc/self/mountinfo", HybridMounts)
            .With("/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "100000\n")
            .With("/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_period_us", "100000\n")
            .With("/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "-1\n")
            .With("/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us", "100000\n");

        Assert.Equal(new CpuQuota(1, "/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us"), CgroupCpuQuotaReader.Read(machine.Files));
    }

    [Fact]
    public void Cores_CgroupNamespaceMountRoot_IsTakenOffThePath()
    {
        // A container's /proc/self/cgroup can name its cgroup from the host's root while the mount shows only its part.
        using var machine = new MachineFixture()
            .With("/proc/self/cgroup", "0::/docker/abc\n")
            .With("/proc/self/mountinfo", "40 30 0:33 /docker/abc /sys/fs/cgroup ro,nosuid - cgroup2 cgroup rw\n")
            .With("/sys/fs/cgroup/cpu.max", "200000 100000\n");

        Assert.Equal(new CpuQuota(2, "/sys/fs/cgroup/cpu.max"), CgroupCpuQuotaReader.Read(machine.Files));
    }

    [Fact]
    public void Cores_NoProcOrSys_FallsBackOnTheRuntimesCount()
    {
        using var machine = new MachineFixture();

        var finding = new CoresCheck().Examine(machine.Context(processorCount: 4));

        Assert.Equal(DoctorVerdict.Ok, finding.Verdict);
        Assert.Equal("unknown online, unknown allowed (affinity), no cgroup CPU quota, .NET uses 4", finding.Found);
    }

    [Theory]
    [InlineData("0-3,8,10-11", 7)]
    [InlineData("5", 1)]
    [InlineData("0-1\n", 2)]
    [InlineData("3-1", null)]
    [InlineData("a-b", null)]
    [InlineData("", null)]
    public void CpuList_CountsTheKernelsRanges(string text, int? expected) => Assert.Equal(expected, CpuList.Count(text));

    [Fact]
    public void CgroupMount_ParsesMountinfoWithOptionalFieldsAndEscapes()
    {
        var mount = CgroupMount.Parse("36 25 0:31 /a\\040b /sys/fs/cgroup/my\\040cpu rw,relatime shared:10 master:2 - cgroup cgroup rw,cpu,cpuacct");

        Assert.Equal(new CgroupMount("/a b", "/sys/fs/cgroup/my cpu", "cgroup", "rw,cpu,cpuacct"), mount);
        Assert.Null(CgroupMount.Parse("not a mount line"));
    }

    [Theory]
    [InlineData(new[] { "performance", "performance" }, "Ok", "performance ×2")]
    [InlineData(new[] { "performance", "powersave" }, "Warn", "performance ×1, powersave ×1")]
    [InlineData(new[] { "schedutil" }, "Warn", "schedutil ×1")]
    [InlineData(new string[0], "Unknown", "unknown (no cpufreq: a VM or container, where the host sets the frequency)")]
    public void CpuGovernor_OnlyPerformanceEverywhereIsOk(string[] governors, string verdictName, string found)
    {
        var verdict = Enum.Parse<DoctorVerdict>(verdictName);
        using var machine = new MachineFixture()
            .With("/sys/devices/system/cpu/online", "0-1")
            .With("/sys/devices/system/cpu/cpuidle/current_driver", "none")
            .With("/sys/devices/system/cpu/cpufreq/boost", "1");
        for (var i = 0; i < governors.Length; i++)
        {
            machine.With($"/sys/devices/system/cpu/cpu{i}/cpufreq/scaling_governor", governors[i] + "\n");
        }

        var finding = new CpuGovernorCheck().Examine(machine.Context());

        Assert.Equal(verdict, finding.Verdict);
        Assert.Equal(found, finding.Found);
        Assert.Equal(verdict == DoctorVerdict.Ok, finding.Fix is null);
    }

    [Theory]
    [InlineData("tsc", "tsc hpet acpi_pm", "Ok", null)]
    [InlineData("arch_sys_counter", "arch_sys_counter", "Ok", null)]
    [InlineData("kvm-clock", "kvm-clock tsc acpi_pm", "Warn", "echo tsc | sudo tee /sys/devices/system/clocksource/clocksource0/current_clocksource")]
    [InlineData("hpet", "hpet acpi_pm", "Warn", "none on this machine: the (virtual) machine offers no tsc")]
    [InlineData(null, null, "Unknown", "cat /sys/devices/system/clocksource/clocksource0/current_clocksource")]
    public void ClockSource_TscIsGoodOthersAreSlowerTimestamps(string? current, string? available, string verdictName, string? fix)
    {
        var verdict = Enum.Parse<DoctorVerdict>(verdictName);
        using var machine = new MachineFixture();
        if (current is not null)
        {
            machine.With("/sys/devices/system/clocksource/clocksource0/current_clocksource", current + "\n")
                .With("/sys/devices/system/clocksource/clocksource0/available_clocksource", available + " \n");
        }

        var finding = new ClockSourceCheck().Examine(machine.Context());

        Assert.Equal(verdict, finding.Verdict);
        Assert.Equal(fix, finding.Fix);
    }
}
