using System.Diagnostics;
using System.Runtime.CompilerServices;
using Pacer.Core.Platform;
using Pacer.Core.Recording;
using Pacer.Core.Timing;
using Pacer.Core.Transport;

namespace Pacer.Core.Running;

/// <summary>
/// Watches Pacer itself, so a run can say when the generator — not the service — was the bottleneck.
/// Scheduling lag is the part of a request's wait that is the generator's fault: how late the dispatcher released an arrival,
/// plus, when a connection was idle and waiting for it, how late a worker woke up to take it (on a transport that holds arrivals
/// until their time: how late the bytes were written; closed model: how late a virtual user resumed after its response). A
/// scenario's step records how late it was handed to the transport after its intended start (the previous step's end plus
/// any think time; in the closed model the first step's too), or, held by an event loop until then, how late it was written. Waiting for a busy connection is not lag: that is the pool or the service.
/// CPU is the process's processor time per second over the cores it may use. On a transport with event loops, each loop's
/// busy share of each second is read too: one pegged loop delays every response it owns while the process as a whole may
/// look half idle.
/// </summary>
internal sealed class GeneratorHealth
{
    private readonly ConcurrentLatencyHistogram lag = new();
    private readonly List<double> loopBusyPerTick = [];
    private readonly List<LagTick> lagPerTick = [];
    private readonly List<GeneratorTick> perSample = [];
    private readonly LatencyHistogram tickLag = new();
    private readonly IEventLoopLoad? loops;
    private readonly long[] cpuBefore;
    private readonly long[] cpuNow;
    private readonly int cores = Environment.ProcessorCount;
    private readonly TickSource time;
    private TimeSpan lastCpu;
    private long lastTick;

    /// <param name="loops">The transport's event loops, when it has any.</param>
    /// <param name="ticks">The clock the run is on: a tick's wall time is read from it.</param>
    public GeneratorHealth(IEventLoopLoad? loops = null, TickSource? ticks = null)
    {
        this.loops = loops;
        time = ticks ?? TickSource.System;
        cpuBefore = new long[loops?.EventLoopCount ?? 0];
        cpuNow = new long[cpuBefore.Length];
        loops?.ReadCpuNanoseconds(cpuBefore);
        lastCpu = ProcessorTime();
        lastTick = time.Now;
    }

    /// <summary>Lag recorded so far, drained on each <see cref="Sample"/> (microseconds).</summary>
    public LatencyHistogram Lag { get; } = new();

    /// <summary>Process CPU per measured tick as a fraction of the cores available (0–1): the measured entries of <see cref="PerSample"/>.</summary>
    public IReadOnlyList<double> CpuPerTick => [.. perSample.Where(t => t.Cpu is not null).Select(t => t.Cpu!.Value)];

    /// <summary>Per tick, the busy share of the busiest event loop (0–1); empty without event loops.</summary>
    public IReadOnlyList<double> LoopBusyPerTick => loopBusyPerTick;

    /// <summary>Per tick, how many lag samples were recorded and how many were late; ticks without samples are left out.</summary>
    public IReadOnlyList<LagTick> LagPerTick => lagPerTick;

    /// <summary>
    /// One entry per <see cref="Sample"/>, empty seconds and unmeasured ones included (as nulls), so entry <c>i</c> is the second
    /// of the recorder's tick <c>i</c>: the per-tick lists above leave such ticks out and cannot be lined up with the series.
    /// </summary>
    public IReadOnlyList<GeneratorTick> PerSample => perSample;

    /// <summary>The lag of the last <see cref="Sample"/>'s second (no samples when nothing was sent in it), for the live tick.</summary>
    public LagTick LastLag { get; private set; }

    /// <summary>The 99th percentile of that second's lag, microseconds (0 without samples).</summary>
    public long LastLagP99Micros { get; private set; }

    /// <summary>Records generator lag in Stopwatch ticks. Any thread; lock-free.</summary>
    [MethodImpl(HotPath.Open)]
    public void RecordLag(long ticks) => lag.Record(ticks <= 0 ? 0 : ticks * 1_000_000 / Stopwatch.Frequency);

    /// <summary>
    /// Starts the CPU measurement again from now: called at the schedule's time zero, so the first second's CPU is that second's
    /// and not the set-up's (warm-up, a forced collection) spread over it. Before any <see cref="Sample"/>.
    /// </summary>
    public void Restart()
    {
        loops?.ReadCpuNanoseconds(cpuBefore);
        lastCpu = ProcessorTime();
        lastTick = time.Now;
    }

    /// <summary>Called once per tick on the ticker thread.</summary>
    public void Sample()
    {
        // Drained through a per-tick histogram first: whether lateness was sustained is a question about each second.
        lag.DrainInto(tickLag);
        LastLag = new LagTick(tickLag.TotalCount, tickLag.TotalCount > 0 ? GeneratorVerdict.CountLate(tickLag) : 0);
        LastLagP99Micros = tickLag.ValueAtPercentile(99);
        if (tickLag.TotalCount > 0)
        {
            lagPerTick.Add(LastLag);
            Lag.Add(tickLag);
            tickLag.Reset();
        }

        var lagP99Ms = LastLag.Samples > 0 ? LastLagP99Micros / 1000.0 : (double?)null;
        var now = time.Now;
        var cpu = ProcessorTime();
        var wall = Stopwatch.GetElapsedTime(lastTick, now);
        double? tickCpu = null;
        if (wall > TimeSpan.FromMilliseconds(100))
        {
            tickCpu = Math.Clamp((cpu - lastCpu) / wall / cores, 0, 1);
            SampleLoops(now - lastTick);
            lastCpu = cpu;
            lastTick = now;
        }

        perSample.Add(new GeneratorTick(tickCpu, lagP99Ms));
    }

    /// <summary>The verdict over the whole run.</summary>
    public GeneratorVerdict Verdict() => GeneratorVerdict.From(Lag, CpuPerTick, cores, loopBusyPerTick, lagPerTick);

    private void SampleLoops(long wallTicks)
    {
        if (loops is null || cpuNow.Length == 0)
        {
            return;
        }

        loops.ReadCpuNanoseconds(cpuNow);
        var wallNanoseconds = wallTicks * (1_000_000_000.0 / Stopwatch.Frequency);
        var busiest = 0.0;
        for (var i = 0; i < cpuNow.Length; i++)
        {
            busiest = Math.Max(busiest, (cpuNow[i] - cpuBefore[i]) / wallNanoseconds);
        }

        loopBusyPerTick.Add(Math.Clamp(busiest, 0, 1));
        cpuNow.CopyTo(cpuBefore, 0);
    }

    /// <remarks>Environment.CpuUsage is one getrusage call; Process.TotalProcessorTime parses /proc and allocates each tick.</remarks>
    private static TimeSpan ProcessorTime() => Environment.CpuUsage.TotalTime;
}
