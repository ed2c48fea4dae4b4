using System.Globalization;

namespace Pacer.Core.Tests.Monitoring;

/// <summary>A fake /proc in a temporary directory: the files a process watcher reads, written as the kernel formats them.</summary>
internal sealed class ProcFixture : IDisposable
{
    public ProcFixture()
    {
        Root = Directory.CreateTempSubdirectory("pacer-proc-").FullName;
        File.WriteAllText(Path.Combine(Root, "meminfo"), "MemTotal:       16000000 kB\nMemFree:         8000000 kB\n");
        Uptime(1000);
    }

    public string Root { get; }

    public void Uptime(double seconds) =>
        File.WriteAllText(Path.Combine(Root, "uptime"), string.Create(CultureInfo.InvariantCulture, $"{seconds:0.00} 1234.56\n"));

    /// <summary>Writes (or rewrites) a process: stat, status, io and <paramref name="fds"/> entries in fd/.</summary>
    public void Process(
        int pid,
        int ppid,
        long user,
        long system,
        long startTicks = 1000,
        char state = 'S',
        long rssKb = 1024,
        int threads = 1,
        long voluntary = 0,
        long involuntary = 0,
        long? readBytes = 0,
        long writeBytes = 0,
        int fds = 3,
        string cpus = "0-1",
        string name = "svc")
    {
        var dir = Directory.CreateDirectory(Path.Combine(Root, pid.ToString(CultureInfo.InvariantCulture))).FullName;
        File.WriteAllText(
            Path.Combine(dir, "stat"),
            string.Create(CultureInfo.InvariantCulture, $"{pid} ({name}) {state} {ppid} {pid} {pid} 0 -1 4194304 99 0 0 0 {user} {system} 0 0 20 0 {threads} 0 {startTicks} 3133440 379 18446744073709551615 0 0 0\n"));
        File.WriteAllText(
            Path.Combine(dir, "status"),
            string.Create(CultureInfo.InvariantCulture, $"Name:\t{name}\nState:\t{state} (sleeping)\nPPid:\t{ppid}\nVmRSS:\t    {rssKb} kB\nThreads:\t{threads}\nCpus_allowed_list:\t{cpus}\nvoluntary_ctxt_switches:\t{voluntary}\nnonvoluntary_ctxt_switches:\t{involuntary}\n"));
        var io = Path.Combine(dir, "io");
        if (readBytes is { } read)
        {
            File.WriteAllText(io, string.Create(CultureInfo.InvariantCulture, $"rchar: 1\nwchar: 2\nsyscr: 3\nsyscw: 4\nread_bytes: {read}\nwrite_bytes: {writeBytes}\ncancelled_write_bytes: 0\n"));
        }
        else
        {
            File.Delete(io);
        }

        var fd = Path.Combine(dir, "fd");
        if (Directory.Exists(fd))
        {
            Directory.Delete(fd, recursive: true);
        }

        Directory.CreateDirectory(fd);
        for (var i = 0; i < fds; i++)
        {
            File.WriteAllText(Path.Combine(fd, i.ToString(CultureInfo.InvariantCulture)), "");
        }
    }

    public void Remove(int pid) => Directory.Delete(Path.Combine(Root, pid.ToString(CultureInfo.InvariantCulture)), recursive: true);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
