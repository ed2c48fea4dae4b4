using System.Globalization;

namespace Pacer.Core.Monitoring;

/// <summary>The fields of one <c>/proc/PID/stat</c> line a process watcher uses (proc(5)); times in clock ticks.</summary>
internal readonly record struct ProcStat(int Pid, char State, int Ppid, long UserTicks, long SystemTicks, long Threads, long StartTicks)
{
    /// <summary>Exited: a zombie not yet reaped, or dead.</summary>
    public bool Exited => State is 'Z' or 'X' or 'x';

    /// <summary>The line's fields, or null when it is not a stat line (a process that vanished mid-read leaves an empty file).</summary>
    public static ProcStat? Parse(string line)
    {
        // The command name sits in parentheses and may itself hold spaces and parentheses: the fields start after the last ')'.
        var open = line.IndexOf('(', StringComparison.Ordinal);
        var close = line.LastIndexOf(')');
        if (open <= 0 || close < open || !int.TryParse(line.AsSpan(0, open).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }

        var fields = line[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);

        // After the name: state (field 3) is [0], ppid [1], utime (14) [11], stime (15) [12], num_threads (20) [17], starttime (22) [19].
        if (fields.Length < 20 || fields[0].Length != 1
            || !int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ppid)
            || !long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
            || !long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var system)
            || !long.TryParse(fields[17], NumberStyles.Integer, CultureInfo.InvariantCulture, out var threads)
            || !long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return null;
        }

        return new ProcStat(pid, fields[0][0], ppid, user, system, threads, start);
    }
}
