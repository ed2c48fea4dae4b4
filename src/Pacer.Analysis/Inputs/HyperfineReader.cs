using System.Text.Json;

namespace Pacer.Analysis.Inputs;

/// <summary>
/// Reads hyperfine's <c>--export-json</c>: <c>{"results": [{"command": …, "mean": …, "times": [seconds …]}]}</c>. Each command
/// is a group with one metric, <c>time</c> in seconds, whose samples are the wall-clock times of its runs.
/// </summary>
internal static class HyperfineReader
{
    /// <summary>The observations of one file; <see cref="InputFormatException"/> naming the file and the place when it is broken.</summary>
    public static List<Observation> Read(string path, string text)
    {
        using var document = InputText.Parse(path, text, "hyperfine");
        if (InputText.Array(document.RootElement, "results") is not { } results || results.GetArrayLength() == 0)
        {
            throw new InputFormatException($"{path}: a hyperfine export needs a non-empty \"results\" array");
        }

        var observations = new List<Observation>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var result in results.EnumerateArray())
        {
            var where = $"results[{index++}]";
            var command = InputText.Text(result, "command") ?? throw new InputFormatException($"{path}: {where} has no \"command\"");
            var array = InputText.Array(result, "times") ?? throw new InputFormatException($"{path}: {where} ('{command}') has no \"times\" array");
            var times = InputText.Numbers(array, path, $"{where}.times");
            if (times.Count == 0)
            {
                throw new InputFormatException($"{path}: {where} ('{command}') has no times");
            }

            var mean = result.TryGetProperty("mean", out var stated) && stated.ValueKind == JsonValueKind.Number
                ? InputText.Measurement(stated, path, $"{where}.mean")
                : times.Average();
            observations.Add(new Observation(
                InputText.Unique(command, used), "time", "s", MetricDirection.LowerIsBetter, ObservationKind.Benchmark, mean, times));
        }

        return observations;
    }
}
