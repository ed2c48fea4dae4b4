using System.Globalization;

namespace Pacer.Core.Monitoring;

/// <summary>
/// Watches a cgroup v2 directory — the container case: CPU used and its throttling against <c>cpu.max</c>, memory against
/// <c>memory.max</c>, OOM kills, and pressure stall (PSI) for CPU, memory and I/O (docs/watching.md).
/// </summary>
/// <remarks>
/// A controller that is not enabled for the cgroup leaves its files out; its metrics are then absent and one note in the
/// source's errors says which, never a failure. Counters (<c>usage_usec</c>, <c>nr_throttled</c> …) are divided by the time
/// the watcher measured between its own readings.
/// </remarks>
public sealed class CgroupWatcher : ITargetWatcher, ITargetWatcherNotes
{
    private const double MinRateSeconds = 0.1;
    private const double MicrosPerSecond = 1_000_000;
    private static readonly string[] Pressures = ["cpu", "memory", "io"];

    private readonly CgroupFiles files;
    private readonly ProcFiles proc;
    private readonly TimeProvider time;
    private readonly int machineCores;
    private readonly List<string> notes = [];
    private Dictionary<string, long> previousCpu = [];
    private long previousTimestamp;
    private long? oomAtStart;
    private long? memTotal;
    private bool started;

    /// <summary>Watches the cgroup v2 directory <paramref name="path"/> (<c>--watch-cgroup</c>).</summary>
    /// <param name="path">An absolute path under the cgroup2 mount, e.g. <c>/sys/fs/cgroup/system.slice/app.service</c>.</param>
    public CgroupWatcher(string path)
        : this(path, "/proc", TimeProvider.System, Environment.ProcessorCount)
    {
    }

    /// <summary>The seam for tests: a fixture directory, a fake /proc (for MemTotal), a fake clock, the machine's cores.</summary>
    internal CgroupWatcher(string path, string procRoot, TimeProvider time, int machineCores)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        files = new CgroupFiles(path);
        proc = new ProcFiles(procRoot);
        this.time = time;
        this.machineCores = machineCores;
        Source = new TargetSource("cgroup", path);
    }

    /// <inheritdoc/>
    public TargetSource Source { get; }

    /// <summary>Why <paramref name="path"/> cannot be watched as a cgroup v2 directory, or null when it can: what <c>--watch-cgroup</c> checks before load.</summary>
    /// <param name="path">The directory.</param>
    public static string? Problem(string path) =>
        !Directory.Exists(path) ? $"{path} does not exist"
        : !File.Exists(Path.Combine(path, "cgroup.controllers")) ? $"{path} is not a cgroup v2 directory (it has no cgroup.controllers; cgroup v2 is mounted where /proc/mounts says cgroup2)"
        : null;

    /// <inheritdoc/>
    public ValueTask StartAsync(CancellationToken cancellationToken)
    {
        if (Problem(files.Directory) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var missing = new[] { "cpu.stat", "cpu.max", "memory.current", "memory.max", "memory.events", "cpu.pressure", "memory.pressure", "io.pressure" }
            .Where(f => !files.Exists(f)).ToList();
        previousCpu = files.Flat("cpu.stat") ?? [];
        if (files.Exists("cpu.stat") && !previousCpu.ContainsKey("nr_periods"))
        {
            missing.Add("cpu.stat nr_periods/nr_throttled/throttled_usec");
        }

        if (missing.Count > 0)
        {
            // One note for the whole run: the set of files a cgroup has does not change while it runs.
            notes.Add($"not in this cgroup (controller not enabled in the parent's cgroup.subtree_control?): {string.Join(", ", missing)}; the metrics read from them are left out");
        }

        oomAtStart = files.Flat("memory.events")?.GetValueOrDefault("oom_kill");
        memTotal = proc.MemTotal();
        previousTimestamp = time.GetTimestamp();
        started = true;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<TargetReading>> SampleAsync(TimeSpan elapsed, CancellationToken cancellationToken)
    {
        if (!started)
        {
            return ValueTask.FromResult<IReadOnlyList<TargetReading>>([]);
        }

        if (!System.IO.Directory.Exists(files.Directory))
        {
            throw new InvalidOperationException($"the cgroup was removed (at second {elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)})");
        }

        var readings = new List<TargetReading>();
        var now = time.GetTimestamp();
        var seconds = time.GetElapsedTime(previousTimestamp, now).TotalSeconds;
        var cpu = files.Flat("cpu.stat");
        if (cpu is not null && seconds >= MinRateSeconds)
        {
            var limit = files.CpuMaxCores() ?? files.EffectiveCpus() ?? machineCores;
            if (Delta(cpu, "usage_usec") is { } usage)
            {
                readings.Add(new("target_cpu", usage / MicrosPerSecond / seconds, TargetUnit.Cores, limit));
            }

            if (Delta(cpu, "nr_periods") is { } periods && Delta(cpu, "nr_throttled") is { } throttled)
            {
                readings.Add(new("target_throttled", periods == 0 ? 0 : (double)throttled / periods, TargetUnit.Ratio));
            }

            if (Delta(cpu, "throttled_usec") is { } throttledTime)
            {
                readings.Add(new("target_throttled_time", throttledTime / MicrosPerSecond / seconds, TargetUnit.Ratio));
            }

            previousCpu = cpu;
            previousTimestamp = now;
        }

        if (files.Single("memory.current") is { } memory)
        {
            var max = files.Single("memory.max");
            readings.Add(new("target_memory", memory, TargetUnit.Bytes, max is null or long.MaxValue ? memTotal : max));
        }

        if (files.Flat("memory.events")?.GetValueOrDefault("oom_kill") is { } kills)
        {
            readings.Add(new("target_oom_kills", Math.Max(0, kills - (oomAtStart ?? 0)), TargetUnit.Count));
        }

        foreach (var pressure in Pressures)
        {
            if (files.PressureSome10($"{pressure}.pressure") is { } stalled)
            {
                readings.Add(new($"target_{pressure}_pressure", stalled, TargetUnit.Ratio));
            }
        }

        return ValueTask.FromResult<IReadOnlyList<TargetReading>>(readings);
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<TargetSeries>> AfterRunAsync(TargetWindow window, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<TargetSeries>>([]);

    /// <inheritdoc/>
    IReadOnlyList<string> ITargetWatcherNotes.TakeNotes()
    {
        var taken = notes.ToList();
        notes.Clear();
        return taken;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A counter's growth since the previous reading; null when either reading lacks it, 0 if it went backwards (a recreated cgroup).</summary>
    private long? Delta(Dictionary<string, long> now, string key) =>
        now.TryGetValue(key, out var value) && previousCpu.TryGetValue(key, out var before) ? Math.Max(0, value - before) : null;
}
