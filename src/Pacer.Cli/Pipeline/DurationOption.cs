using Pacer.Core.Plans;

namespace Pacer.Cli.Pipeline;

/// <summary>Parses a duration given on the command line with the plan's duration syntax (500ms, 30s, 1m30s, 2h).</summary>
internal static class DurationOption
{
    public static TimeSpan Parse(string text, string option)
    {
        if (DurationParser.TryParse(text, out var value) && value > TimeSpan.Zero)
        {
            return value <= DurationLimits.MaxRun
                ? value
                : throw new UsageException($"{option} '{text}' is longer than the limit of {(int)DurationLimits.MaxRun.TotalHours}h (a run may last {DurationLimits.UpTo(DurationLimits.MaxRun)})");
        }

        throw new UsageException($"{option} '{text}' is not a positive duration (durations look like 500ms, 30s, 1m30s, 2h)");
    }
}
