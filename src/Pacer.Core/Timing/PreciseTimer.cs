using System.Diagnostics;
using System.Runtime.InteropServices;
using Pacer.Core.Platform.Linux;

namespace Pacer.Core.Timing;

/// <summary>
/// One thread that wakes virtual users at their time (think time, pacing), for every user of the process at once: a heap of
/// deadlines, a sleep to just before the earliest one, and a spin over the last microseconds. Task.Delay would not do: its
/// timer rounds to the millisecond, so about a third of its wake-ups come early (a step sent before its intended start, a
/// negative queue time) and the rest up to milliseconds late. A wake-up never comes before its deadline; what it comes after
/// is measured where the step is sent, as generator lag.
/// </summary>
/// <remarks>
/// On Linux the sleep is epoll_pwait2 on an eventfd with a nanosecond timeout and 1 ns of timer slack, so a new, earlier
/// deadline interrupts it; elsewhere it is an event wait in whole milliseconds, rounded down, and the rest is spun. Woken
/// users run on the thread pool (queued without allocation), never on this thread, so one user's work cannot make another
/// late. The lead it sleeps short by follows its own measured wake-up latency, as the event loop's does.
/// </remarks>
internal sealed unsafe class PreciseTimer : IStepClock, IDisposable
{
    private static readonly Lazy<PreciseTimer> SharedTimer = new(() => new PreciseTimer());
    private static readonly long MaxLeadTicks = Stopwatch.Frequency * 100 / 1_000_000;
    private static readonly long SweepPeriodTicks = Stopwatch.Frequency / 20;
    private const ulong WakeToken = 1;

    private readonly PriorityQueue<IStepWake, long> due = new(256);
    private readonly List<(IStepWake Wake, long Due)> sweep = [];
    private readonly Lock gate = new();
    private readonly Thread thread;
    private readonly bool linux = OperatingSystem.IsLinux();
    private readonly int epoll = -1;
    private readonly int wakeFd = -1;
    private readonly ManualResetEventSlim signal = new(false);
    private readonly byte* events;
    private long sleepingUntil = long.MaxValue;
    private long lead = Stopwatch.Frequency * 20 / 1_000_000;
    private long lastSweep;
    private volatile bool stopping;
    private bool precise = true;

    public PreciseTimer()
    {
        if (linux)
        {
            events = (byte*)NativeMemory.Alloc((nuint)(4 * LinuxNative.EpollEventSize));
            epoll = LinuxNative.EpollCreate(LinuxNative.EPOLL_CLOEXEC);
            wakeFd = LinuxNative.EventFd(0, LinuxNative.EFD_NONBLOCK | LinuxNative.EFD_CLOEXEC);
            if (epoll < 0 || wakeFd < 0 || LinuxNative.EpollControl(epoll, LinuxNative.EPOLL_CTL_ADD, wakeFd, LinuxNative.EPOLLIN, WakeToken) < 0)
            {
                throw new InvalidOperationException($"could not create the step timer: {Marshal.GetPInvokeErrorMessage(LinuxNative.Errno)}");
            }
        }

        thread = new Thread(Run) { IsBackground = true, Name = "pacer-step-timer" };
        thread.Start();
    }

    /// <summary>The process's timer, started on first use; its thread sleeps while nobody waits.</summary>
    public static PreciseTimer Shared => SharedTimer.Value;

    public long Now => Stopwatch.GetTimestamp();

    /// <summary>Deadlines waiting (for tests and diagnostics).</summary>
    public int Pending
    {
        get
        {
            lock (gate)
            {
                return due.Count;
            }
        }
    }

    public void WakeAt(long dueTicks, IStepWake wake)
    {
        bool earlier;
        lock (gate)
        {
            due.Enqueue(wake, dueTicks);
            earlier = dueTicks < sleepingUntil;
        }

        if (earlier)
        {
            Signal();
        }
    }

    public void Dispose()
    {
        if (stopping)
        {
            return;
        }

        stopping = true;
        Signal();
        thread.Join();
        lock (gate)
        {
            while (due.TryDequeue(out var wake, out _))
            {
                ThreadPool.UnsafeQueueUserWorkItem(wake, preferLocal: false);
            }
        }

        if (linux)
        {
            LinuxNative.Close(epoll);
            LinuxNative.Close(wakeFd);
            NativeMemory.Free(events);
        }

        signal.Dispose();
    }

    private void Signal()
    {
        if (linux)
        {
            ulong one = 1;
            LinuxNative.Write(wakeFd, (byte*)&one, sizeof(ulong));
        }
        else
        {
            signal.Set();
        }
    }

    private void Run()
    {
        if (linux)
        {
            LinuxNative.UsePreciseTimerSlack();
        }

        while (!stopping)
        {
            long next;
            lock (gate)
            {
                FireDue();
                next = due.TryPeek(out _, out var first) ? first : long.MaxValue;
                var now = Stopwatch.GetTimestamp();
                if (now - lastSweep >= SweepPeriodTicks)
                {
                    lastSweep = now;
                    FireCancelled();
                }

                // Never sleep more than the sweep period, so a cancelled wait ends within it.
                sleepingUntil = Math.Min(next - lead, now + SweepPeriodTicks);
            }

            var remaining = sleepingUntil - Stopwatch.GetTimestamp();
            if (remaining > 0)
            {
                var woken = Sleep(remaining);
                if (!woken && next != long.MaxValue && sleepingUntil == next - lead)
                {
                    // Woken by the timeout for a deadline: follow how late such wake-ups are (an average over the last few).
                    var late = Math.Clamp(Stopwatch.GetTimestamp() - sleepingUntil, 0, MaxLeadTicks);
                    lead += (late - lead) / 8;
                }
            }

            lock (gate)
            {
                sleepingUntil = long.MaxValue;
                next = due.TryPeek(out _, out var first) ? first : long.MaxValue;
            }

            // The last stretch is spun: a sleep that short would end late.
            if (next != long.MaxValue && next - Stopwatch.GetTimestamp() <= lead)
            {
                while (Stopwatch.GetTimestamp() < next && !stopping)
                {
                    Thread.SpinWait(10);
                }
            }
        }
    }

    /// <summary>Hands every due wake to the thread pool; under the lock.</summary>
    private void FireDue()
    {
        var now = Stopwatch.GetTimestamp();
        while (due.TryPeek(out var wake, out var at) && at <= now)
        {
            due.Dequeue();
            ThreadPool.UnsafeQueueUserWorkItem(wake, preferLocal: false);
        }
    }

    /// <summary>Hands waits whose run was cancelled to the thread pool now; under the lock. Rare, so the heap is rebuilt.</summary>
    private void FireCancelled()
    {
        var any = false;
        foreach (var (wake, _) in due.UnorderedItems)
        {
            if (wake.WakeCancellation.IsCancellationRequested)
            {
                any = true;
                break;
            }
        }

        if (!any)
        {
            return;
        }

        sweep.Clear();
        while (due.TryDequeue(out var wake, out var at))
        {
            sweep.Add((wake, at));
        }

        foreach (var (wake, at) in sweep)
        {
            if (wake.WakeCancellation.IsCancellationRequested)
            {
                ThreadPool.UnsafeQueueUserWorkItem(wake, preferLocal: false);
            }
            else
            {
                due.Enqueue(wake, at);
            }
        }

        sweep.Clear();
    }

    /// <summary>Sleeps up to <paramref name="ticks"/>; true when woken by a signal (a new, earlier deadline or disposal).</summary>
    private bool Sleep(long ticks)
    {
        if (!linux)
        {
            var woken = signal.Wait((int)(ticks * 1000 / Stopwatch.Frequency));
            signal.Reset();
            return woken;
        }

        int count;
        if (precise)
        {
            var nanoseconds = (long)(ticks * (1_000_000_000.0 / Stopwatch.Frequency));
            var timeout = new LinuxNative.Timespec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
            try
            {
                count = LinuxNative.EpollWaitPrecise(epoll, events, 4, &timeout, null);
                if (count < 0 && LinuxNative.Errno == LinuxNative.ENOSYS)
                {
                    precise = false;
                }
            }
            catch (EntryPointNotFoundException)
            {
                // A C library older than glibc 2.35 has no epoll_pwait2: whole milliseconds from now on, the rest spun.
                precise = false;
                count = 0;
            }
        }
        else
        {
            count = LinuxNative.EpollWait(epoll, events, 4, (int)(ticks * 1000 / Stopwatch.Frequency));
        }

        if (count > 0)
        {
            ulong value;
            LinuxNative.Read(wakeFd, (byte*)&value, sizeof(ulong));
            return true;
        }

        return false;
    }
}
