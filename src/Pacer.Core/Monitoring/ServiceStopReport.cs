using System.Globalization;

namespace Pacer.Core.Monitoring;

/// <summary>How a started service ended when Pacer stopped it (<see cref="StartedService.StopAsync"/>).</summary>
/// <param name="ExitCode">Its exit code when it exited by itself (after SIGTERM or before), else null.</param>
/// <param name="Signal">The signal that ended it (15 SIGTERM, 9 SIGKILL …), else null.</param>
/// <param name="Killed">SIGTERM was not enough: its process group was still there after the grace and was killed with SIGKILL.</param>
/// <param name="ExitedBeforeStop">It had already exited when the stop began: it crashed or quit during the run.</param>
/// <param name="Grace">The grace it had between SIGTERM and SIGKILL.</param>
/// <param name="Took">From the stop's start until no process of its group was left.</param>
public sealed record ServiceStopReport(int? ExitCode, int? Signal, bool Killed, bool ExitedBeforeStop, TimeSpan Grace, TimeSpan Took)
{
    /// <summary>Whether the stop went as a service's stop should: it was running, and ended on SIGTERM within the grace.</summary>
    public bool Clean => !Killed && !ExitedBeforeStop;

    /// <summary>One line a user reads: <c>stopped by SIGTERM in 0.12 s</c>, <c>ignored SIGTERM for 5 s: killed with SIGKILL</c>.</summary>
    public override string ToString()
    {
        var ended = (ExitCode, Signal) switch
        {
            ({ } code, _) => $"exit code {code}",
            (_, { } signal) => $"signal {signal} ({SignalName(signal)})",
            _ => "an unknown status",
        };
        if (ExitedBeforeStop)
        {
            return $"it had already ended before Pacer stopped it ({ended})" + (Killed ? $"; what it left running ignored SIGTERM for {Seconds(Grace)} and was killed with SIGKILL" : string.Empty);
        }

        // The signal Pacer sent is not repeated as the status it caused; anything else (an exit code) is worth reading.
        if (Killed)
        {
            return $"it was still running {Seconds(Grace)} after SIGTERM: killed with SIGKILL" + (Signal == 9 ? string.Empty : $" ({ended})");
        }

        return $"stopped by SIGTERM in {Seconds(Took)}" + (Signal == 15 ? string.Empty : $" ({ended})");
    }

    internal static string SignalName(int signal) => signal switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        6 => "SIGABRT",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        15 => "SIGTERM",
        _ => "SIG" + signal.ToString(CultureInfo.InvariantCulture),
    };

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString(span.TotalSeconds < 10 ? "0.##" : "0.#", CultureInfo.InvariantCulture) + " s";
}
