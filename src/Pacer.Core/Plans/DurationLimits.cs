namespace Pacer.Core.Plans;

/// <summary>
/// The longest durations a plan may give. Waits are held by timers whose longest span is about 49.7 days (2^32 − 2 ms), and a
/// value past that was once accepted here and then threw mid-run, losing the result; these bounds keep every wait, and the
/// sum of a run and its graceful stop, well inside it.
/// </summary>
public static class DurationLimits
{
    /// <summary>Longest single wait or timeout: think, pacing, request timeouts, graceful_stop, max_queue_wait, delayAbortEval, duration_under.</summary>
    public static readonly TimeSpan MaxSetting = TimeSpan.FromHours(24);

    /// <summary>Longest run: a load's duration, one stage, all stages together.</summary>
    public static readonly TimeSpan MaxRun = TimeSpan.FromDays(30);

    /// <summary>The text of a range for error messages, e.g. <c>up to 24h</c>.</summary>
    public static string UpTo(TimeSpan max) => $"up to {(int)max.TotalHours}h";
}
