using System.Diagnostics;

namespace Pacer.Native.Tests;

/// <summary>A thread that sleeps 1 ms at a time while a run goes on: the most it overslept says how hard the machine held threads back.</summary>
internal sealed class OversleepProbe : IDisposable
{
    private readonly Thread thread;
    private double worstMs;
    private volatile bool stop;

    public OversleepProbe()
    {
        thread = new Thread(Run) { IsBackground = true, Name = "oversleep-probe" };
        thread.Start();
    }

    /// <summary>Stops the probe; the longest oversleep in milliseconds.</summary>
    public double Finish()
    {
        stop = true;
        thread.Join();
        return worstMs;
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
            worstMs = Math.Max(worstMs, Stopwatch.GetElapsedTime(before).TotalMilliseconds - 1);
        }
    }
}
