namespace Pacer.Core.Timing;

/// <summary>
/// The <see cref="IStepClock"/> of a run on a fake clock: each wait is one timer of the clock's provider, so a virtual user
/// resumes exactly when the test's time reaches its deadline. A run on the machine's clock uses <see cref="PreciseTimer"/>,
/// which allocates nothing per wait; this one allocates a timer per wait, which a test can afford.
/// </summary>
internal sealed class ProviderStepClock(TickSource ticks) : IStepClock
{
    public long Now => ticks.Now;

    public void WakeAt(long dueTicks, IStepWake wake)
    {
        var remaining = dueTicks - ticks.Now;
        if (remaining <= 0 || wake.WakeCancellation.IsCancellationRequested)
        {
            ThreadPool.UnsafeQueueUserWorkItem(wake, preferLocal: false);
            return;
        }

        new PendingWake(wake).Arm(ticks, dueTicks);
    }

    /// <summary>One wait: ends at its timer or at the run's cancellation, whichever comes first, and wakes the user once.</summary>
    private sealed class PendingWake(IStepWake wake)
    {
        private ITimer? timer;
        private CancellationTokenRegistration cancelled;
        private int fired;

        public void Arm(TickSource ticks, long dueTicks)
        {
            var created = ticks.TimerAt(dueTicks, static state => ((PendingWake)state!).Fire(), this);
            Volatile.Write(ref timer, created);
            cancelled = wake.WakeCancellation.UnsafeRegister(static state => ((PendingWake)state!).Fire(), this);
            if (Volatile.Read(ref fired) == 1)
            {
                // Fired before it was fully armed: what it would have released is released here.
                Release();
            }
        }

        private void Fire()
        {
            if (Interlocked.Exchange(ref fired, 1) == 0)
            {
                ThreadPool.UnsafeQueueUserWorkItem(wake, preferLocal: false);
                Release();
            }
        }

        private void Release()
        {
            Volatile.Read(ref timer)?.Dispose();
            cancelled.Dispose();
        }
    }
}
