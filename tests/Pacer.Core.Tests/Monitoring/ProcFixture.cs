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

    /// <summary>Writes (or rewrites) a process: stat, status, io and <paramref name="fds"/> entries in fd/; net/dev with an idle lo when it has none.</summary>
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

        if (!File.Exists(Path.Combine(dir, "net", "dev")))
        {
            NetDev(pid, ("lo", 0, 0));
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

    /// <summary>Writes <c>PID/net/dev</c> as the kernel formats it, one line per interface (received and sent bytes; the other counters filled in).</summary>
    public void NetDev(int pid, params (string Name, long Received, long Sent)[] interfaces)
    {
        var net = Directory.CreateDirectory(Path.Combine(Root, pid.ToString(CultureInfo.InvariantCulture), "net")).FullName;
        var text = "Inter-|   Receive                                                |  Transmit\n"
            + " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n"
            + string.Concat(interfaces.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Name,6}: {i.Received,10} {i.Received / 100,7}    0    0    0     0          0         0 {i.Sent,10} {i.Sent / 100,7}    0    0    0     0       0          0\n")));
        File.WriteAllText(Path.Combine(net, "dev"), text);
    }

    /// <summary>Takes <c>PID/net/dev</c> away (as when it cannot be read).</summary>
    public void NoNetDev(int pid) => File.Delete(Path.Combine(Root, pid.ToString(CultureInfo.InvariantCulture), "net", "dev"));

    /// <summary>Makes <c>PROCESS/ns/net</c> (a pid or <c>self</c>) a link to <paramref name="identity"/>, as the kernel shows a namespace.</summary>
    public void NetNamespace(string process, string identity)
    {
        var ns = Directory.CreateDirectory(Path.Combine(Root, process, "ns")).FullName;
        var link = Path.Combine(ns, "net");
        File.Delete(link);
        File.CreateSymbolicLink(link, identity);
    }

    /// <summary>Writes <c>PID/task/TID/children</c> as the kernel does: the children thread <paramref name="tid"/> forked, space-separated with a trailing space.</summary>
    public void Children(int pid, int tid, params int[] children)
    {
        var task = Directory.CreateDirectory(Path.Combine(Root, pid.ToString(CultureInfo.InvariantCulture), "task", tid.ToString(CultureInfo.InvariantCulture))).FullName;
        File.WriteAllText(Path.Combine(task, "children"), string.Concat(children.Select(c => c.ToString(CultureInfo.InvariantCulture) + " ")));
    }

    public void Remove(int pid) => Directory.Delete(Path.Combine(Root, pid.ToString(CultureInfo.InvariantCulture)), recursive: true);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
