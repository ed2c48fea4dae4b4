using System.Text.Json;

namespace Pacer.Analysis.Inputs;

/// <summary>
/// Reads BenchmarkDotNet's <c>*-report-full.json</c>: per benchmark, the time per operation of every measured iteration
/// (<c>Workload</c>/<c>Result</c> measurements, overhead already subtracted) and, with the memory diagnoser, bytes allocated per operation.
/// </summary>
internal static class BenchmarkDotNetReader
{
    /// <summary>The observations of one file; <see cref="InputFormatException"/> naming the file and the place when it is broken.</summary>
    public static List<Observation> Read(string path, string text)
    {
        using var document = InputText.Parse(path, text, "BenchmarkDotNet");
        if (InputText.Array(document.RootElement, "Benchmarks") is not { } benchmarks)
        {
            throw new InputFormatException($"{path}: a BenchmarkDotNet report needs a \"Benchmarks\" array");
        }

        var observations = new List<Observation>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var benchmark in benchmarks.EnumerateArray())
        {
            var where = $"Benchmarks[{index++}]";
            var name = NameOf(benchmark) ?? throw new InputFormatException($"{path}: {where} has no FullName, Type or Method");
            var samples = TimesPerOperation(path, where, benchmark);
            if (samples.Count == 0)
            {
                // A benchmark that failed to run (BenchmarkDotNet shows NA) has no measurements: nothing to compare.
                continue;
            }

            // The same method under several jobs (runtimes, settings) shares a FullName; the job from DisplayInfo tells them apart.
            var group = used.Contains(name) && JobOf(benchmark) is { } job ? $"{name} [{job}]" : name;
            group = InputText.Unique(group, used);
            observations.Add(new Observation(
                group, "time/op", "ns", MetricDirection.LowerIsBetter, ObservationKind.Benchmark, samples.Average(), samples));
            if (InputText.Object(benchmark, "Memory") is { } memory && InputText.Number(memory, "BytesAllocatedPerOperation") is { } bytes)
            {
                observations.Add(new Observation(
                    group, "B/op", "B", MetricDirection.LowerIsBetter, ObservationKind.Benchmark, bytes, [bytes]));
            }
        }

        if (observations.Count == 0)
        {
            throw new InputFormatException($"{path}: no benchmark in the BenchmarkDotNet report has measurements");
        }

        return observations;
    }

    private static string? NameOf(JsonElement benchmark)
    {
        if (InputText.Text(benchmark, "FullName") is { Length: > 0 } full)
        {
            return full;
        }

        var type = InputText.Text(benchmark, "Type");
        var method = InputText.Text(benchmark, "Method");
        if (type is null && method is null)
        {
            return null;
        }

        var name = string.Join('.', new[] { type, method }.Where(s => !string.IsNullOrEmpty(s)));
        return InputText.Text(benchmark, "Parameters") is { Length: > 0 } parameters ? $"{name}({parameters})" : name;
    }

    /// <summary><c>DisplayInfo</c> reads <c>Type.Method: Job</c>.</summary>
    private static string? JobOf(JsonElement benchmark) =>
        InputText.Text(benchmark, "DisplayInfo") is { } display && display.LastIndexOf(": ", StringComparison.Ordinal) is var colon and >= 0
            ? display[(colon + 2)..]
            : null;

    /// <summary>Nanoseconds per operation of each Workload/Result iteration; <c>Statistics.OriginalValues</c> when measurements were excluded.</summary>
    private static List<double> TimesPerOperation(string path, string where, JsonElement benchmark)
    {
        var samples = new List<double>();
        if (InputText.Array(benchmark, "Measurements") is { } measurements)
        {
            var index = 0;
            foreach (var m in measurements.EnumerateArray())
            {
                if (InputText.Text(m, "IterationMode") == "Workload" && InputText.Text(m, "IterationStage") == "Result")
                {
                    var ns = InputText.Number(m, "Nanoseconds");
                    var operations = InputText.Number(m, "Operations");
                    if (ns is null || operations is not > 0)
                    {
                        throw new InputFormatException($"{path}: {where}.Measurements[{index}] needs Nanoseconds and a positive Operations");
                    }

                    samples.Add(ns.Value / operations.Value);
                }

                index++;
            }
        }

        if (samples.Count == 0 && InputText.Object(benchmark, "Statistics") is { } statistics
            && InputText.Array(statistics, "OriginalValues") is { } original)
        {
            samples = InputText.Numbers(original, path, $"{where}.Statistics.OriginalValues");
        }

        return samples;
    }
}
