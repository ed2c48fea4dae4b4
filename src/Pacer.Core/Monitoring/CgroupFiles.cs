using System.Globalization;

namespace Pacer.Core.Monitoring;

/// <summary>
/// Reads the cgroup v2 interface files a cgroup watcher uses (cgroup-v2.rst). A file that does not exist (its controller is
/// not enabled for the cgroup) reads as null; parsing never throws.
/// </summary>
internal sealed class CgroupFiles(string directory)
{
    public string Directory { get; } = directory;

    public bool Exists(string file) => File.Exists(Path.Combine(Directory, file));

    /// <summary>A flat-keyed file (<c>cpu.stat</c>, <c>memory.events</c>): <c>key value</c> lines.</summary>
    public Dictionary<string, long>? Flat(string file)
    {
        if (Read(file) is not { } text)
        {
            return null;
        }

        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                values[parts[0]] = value;
            }
        }

        return values;
    }

    /// <summary>A single-value file (<c>memory.current</c>, <c>memory.max</c>): the number, <see cref="long.MaxValue"/> for <c>max</c>, null when absent or not a number.</summary>
    public long? Single(string file) => Read(file)?.Trim() switch
    {
        null => null,
        "max" => long.MaxValue,
        var text when long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) => value,
        _ => null,
    };

    /// <summary><c>cpu.max</c> as cores: quota / period, or null for <c>max</c> (no quota), when absent or malformed.</summary>
    public double? CpuMaxCores()
    {
        var parts = Read("cpu.max")?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts is [var quota, var period]
            && long.TryParse(quota, NumberStyles.None, CultureInfo.InvariantCulture, out var q)
            && long.TryParse(period, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0
            ? (double)q / p
            : null;
    }

    /// <summary>A pressure file's <c>some avg10</c>, as a ratio (the file gives a percentage).</summary>
    public double? PressureSome10(string file)
    {
        var some = Read(file)?.Split('\n').FirstOrDefault(l => l.StartsWith("some ", StringComparison.Ordinal));
        var avg10 = some?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(f => f.StartsWith("avg10=", StringComparison.Ordinal));
        return avg10 is not null && double.TryParse(avg10.AsSpan("avg10=".Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)
            ? percent / 100
            : null;
    }

    /// <summary>The CPUs of <c>cpuset.cpus.effective</c>, when the file exists.</summary>
    public int? EffectiveCpus() => Read("cpuset.cpus.effective") is { } list ? ProcFiles.CountCpus(list.Trim()) : null;

    private string? Read(string file)
    {
        try
        {
            return File.ReadAllText(Path.Combine(Directory, file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Absent (controller not enabled) or removed mid-run: the caller reports the metrics it lacks once.
            return null;
        }
    }
}
