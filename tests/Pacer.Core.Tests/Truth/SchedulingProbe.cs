using System.Diagnostics;

namespace Pacer.Core.Tests.Truth;

/// <summary>
/// Measures how late the machine lets a thread run while a truth run is under way: a dedicated thread asks to sleep 1 ms
/// at a time and keeps how much longer each sleep took. Tens of milliseconds here mean the whole process was descheduled
/// (other work on the cores), and a timing figure that missed by as much says more about the machine than about Pacer; the
/// figure goes into every failure message so a reader can tell the two apart. It changes no verdict.
/// </summary>
internal sealed class SchedulingProbe : IDisposable
{
    private readonly Thread thread;
    private readonly List<double> oversleepMs = new(8192);
    private readonly List<(long Ticks, long Methods)> compiled = new(8192);
    private readonly List<(long Ticks, TimeSpan GcPaused, int Collections, double OversleepMs)> runtime = new(8192);
    private volatile bool stop;

    public SchedulingProbe()
    {
        thread = new Thread(Run) { IsBackground = true, Name = "truth-probe" };
        thread.Start();
    }

    /// <summary>Stops the probe and returns its figures: p99 and maximum oversleep in milliseconds.</summary>
    public (double P99Ms, double MaxMs) Finish()
    {
        stop = true;
        thread.Join();
        if (oversleepMs.Count == 0)
        {
            return (0, 0);
        }

        var sorted = oversleepMs.Order().ToList();
        return (Reference.At(sorted, 99m), sorted[^1]);
    }

    /// <summary>
    /// After <see cref="Finish"/>: how many methods the runtime compiled (first calls and tier-ups, any thread) between
    /// <paramref name="fromTicks"/> and <paramref name="toTicks"/>, and the most within any 10 ms of it, as the probe saw them
    /// about once a millisecond.
    /// </summary>
    public (long Methods, long MostIn10Ms) CompiledBetween(long fromTicks, long toTicks)
    {
        var inside = compiled.Where(c => c.Ticks >= fromTicks && c.Ticks <= toTicks).ToList();
        if (inside.Count < 2)
        {
            return (0, 0);
        }

        var window = Stopwatch.Frequency / 100;
        long most = 0;
        for (int i = 0, j = 0; i < inside.Count; i++)
        {
            while (inside[i].Ticks - inside[j].Ticks > window)
            {
                j++;
            }

            most = Math.Max(most, inside[i].Methods - inside[j].Methods);
        }

        return (inside[^1].Methods - inside[0].Methods, most);
    }

    /// <summary>
    /// After <see cref="Finish"/>: the garbage collector's pauses between <paramref name="fromTicks"/> and
    /// <paramref name="toTicks"/> (a pause stops the truth server's threads too, so arrivals it logs come late by as much),
    /// and the probe's worst oversleeps in that span with when they ended, in milliseconds after <paramref name="fromTicks"/>.
    /// </summary>
    public string RuntimeBetween(long fromTicks, long toTicks)
    {
        var inside = runtime.Where(r => r.Ticks >= fromTicks && r.Ticks <= toTicks).ToList();
        if (inside.Count < 2)
        {
            return "no probe samples during the schedule";
        }

        var paused = inside[^1].GcPaused - inside[0].GcPaused;
        var collections = inside[^1].Collections - inside[0].Collections;
        var worst = inside.OrderByDescending(r => r.OversleepMs).Take(3)
            .Select(r => FormattableString.Invariant($"{r.OversleepMs:0.0} ms ending at +{Reference.Millis(r.Ticks - fromTicks):0} ms"));
        return FormattableString.Invariant($"garbage collections during the schedule {collections} (gen0 count), paused {paused.TotalMilliseconds:0.0} ms; the probe's worst oversleeps: {string.Join(", ", worst)}");
    }

    public void Dispose()
    {
        stop = true;
        thread.Join();
    }

    private void Run()
    {
        while (!stop)
        {
            var before = Stopwatch.GetTimestamp();
            Thread.Sleep(1);
            var after = Stopwatch.GetTimestamp();
            oversleepMs.Add(Math.Max(0, Reference.Millis(after - before) - 1));
            compiled.Add((after, System.Runtime.JitInfo.GetCompiledMethodCount()));
            runtime.Add((after, GC.GetTotalPauseDuration(), GC.CollectionCount(0), oversleepMs[^1]));
        }
    }
}
