using System.Globalization;

namespace Pacer.Analysis.Inputs;

/// <summary>
/// Reads <c>go test -bench</c> output: <c>BenchmarkName-8  1000000  1052 ns/op  128 B/op  2 allocs/op</c>, one line per
/// repetition (<c>-count N</c>), with <c>goos:</c>/<c>pkg:</c> header lines and test chatter in between. Like benchstat, a line is a
/// result when it starts with <c>Benchmark</c> and its second field is an iteration count; the rest are value–unit pairs.
/// </summary>
internal static class GoBenchReader
{
    private const string Prefix = "Benchmark";

    /// <summary>The observations of one file; <see cref="InputFormatException"/> naming the file and the place when it is broken.</summary>
    public static List<Observation> Read(string path, IEnumerable<string> lines)
    {
        // (package, benchmark) → unit → values, in first-seen order: a name may repeat across packages.
        var results = new List<(string Package, string Name, List<(string Unit, List<double> Values)> Units)>();
        var package = "";
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (line.StartsWith("pkg:", StringComparison.Ordinal))
            {
                package = line[4..].Trim();
                continue;
            }

            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || !fields[0].StartsWith(Prefix, StringComparison.Ordinal)
                || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            var name = fields[0];
            if (fields.Length % 2 != 0)
            {
                throw new InputFormatException($"{path}: line {number}: {name}: \"{fields[^1]}\" has no unit after it");
            }

            var index = results.FindIndex(r => r.Package == package && r.Name == name);
            if (index < 0)
            {
                results.Add((package, name, []));
                index = results.Count - 1;
            }

            var units = results[index].Units;
            for (var i = 2; i < fields.Length; i += 2)
            {
                if (!double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    throw new InputFormatException($"{path}: line {number}: {name}: \"{fields[i]}\" is not a number (the {fields[i + 1]} column)");
                }

                var unit = fields[i + 1];
                var slot = units.FindIndex(u => u.Unit == unit);
                if (slot < 0)
                {
                    units.Add((unit, [value]));
                }
                else
                {
                    units[slot].Values.Add(value);
                }
            }
        }

        if (results.Count == 0)
        {
            throw new InputFormatException($"{path}: no benchmark result lines (BenchmarkName  iterations  value unit …)");
        }

        // benchstat keys by name; only when two packages share a benchmark name does the package have to tell them apart.
        var ambiguous = results.GroupBy(r => r.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var observations = new List<Observation>();
        foreach (var (pkg, name, units) in results)
        {
            var group = ambiguous.Contains(name) ? $"{pkg}.{name}" : name;
            foreach (var (unit, values) in units)
            {
                var (metric, shownUnit, direction) = Describe(unit);
                observations.Add(new Observation(group, metric, shownUnit, direction, ObservationKind.Benchmark, values.Average(), values));
            }
        }

        return observations;
    }

    /// <summary>
    /// <c>ns/op</c> is time per operation (metric <c>time/op</c>, unit <c>ns</c>); <c>X/op</c> keeps its name with unit <c>X</c>;
    /// rates (<c>MB/s</c>, any custom <c>…/s</c>) are better higher, everything else lower.
    /// </summary>
    private static (string Metric, string Unit, MetricDirection Direction) Describe(string unit)
    {
        if (unit == "ns/op")
        {
            return ("time/op", "ns", MetricDirection.LowerIsBetter);
        }

        var direction = unit.EndsWith("/s", StringComparison.Ordinal) ? MetricDirection.HigherIsBetter : MetricDirection.LowerIsBetter;
        var shown = unit.EndsWith("/op", StringComparison.Ordinal) ? unit[..^3] : unit;
        return (unit, shown, direction);
    }
}
