using Pacer.Core.Plans;
using Pacer.Core.Recording;
using Pacer.Core.Running;
using Pacer.Core.Transport;

namespace Pacer.Core.Tests.Timing;

/// <summary>
/// Runs the engine on a <see cref="SteppedTime"/>: whenever <c>settled</c> says nothing more can happen at the present time,
/// the time moves to the next deadline. The run takes milliseconds of real time and measures exactly what the arithmetic
/// says. The driver waits on <see cref="SteppedTime.Changed"/>, never on a clock; a run that stops making progress fails
/// after a generous bound instead of hanging the suite.
/// </summary>
internal static class SimulatedRun
{
    public static async Task<RunOutcome> RunAsync(LoadPlan plan, ITransport transport, SteppedTime time, Func<bool> settled, RunOptions? options = null, Func<string>? describe = null)
    {
        var run = Task.Run(() => LoadRunner.RunAsync(plan, transport, (options ?? new RunOptions()) with { Time = time }, CancellationToken.None));
        _ = run.ContinueWith(_ => time.Changed.Set(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        var stuck = 0;
        var at = time.GetUtcNow();
        while (!run.IsCompleted)
        {
            if (settled() && time.AdvanceToNext())
            {
                // A timer that stays due however often the time is moved to it is a broken simulation, not a slow one.
                stuck = time.GetUtcNow() == at ? stuck + 1 : 0;
                at = time.GetUtcNow();
                if (stuck > 10_000)
                {
                    throw new InvalidOperationException($"the simulated time stands still at {at:HH:mm:ss.fffffff}: a timer due then never fires ({time.Describe()})");
                }

                continue;
            }

            if (!time.Changed.WaitOne(TimeSpan.FromSeconds(30)) && !run.IsCompleted)
            {
                throw new TimeoutException($"the simulated run made no progress for 30 s at {time.GetUtcNow():HH:mm:ss.fffffff} (settled: {settled()}, {describe?.Invoke()}, timers: {time.Describe()})");
            }
        }

        return await run;
    }
}
