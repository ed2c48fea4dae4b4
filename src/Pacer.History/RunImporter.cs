using Pacer.Analysis.Inputs;
using Pacer.Core.Results;

namespace Pacer.History;

/// <summary>
/// Turns a file <c>pacer compare</c> reads (a Pacer result, Go bench, BenchmarkDotNet, hyperfine, k6) into a run to record:
/// the same readers (<see cref="RunFileReader"/>) give its quantities, so whatever compare reads can be kept in history.
/// </summary>
internal static class RunImporter
{
    /// <summary>The run in <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="forced">Its format, when not detected.</param>
    /// <param name="plan">The series' plan name: required for another tool's file (it has none), else overrides the result's own.</param>
    /// <param name="labels">The labels to record it with.</param>
    /// <param name="now">When it is recorded: the time of a file that does not say when it ran.</param>
    /// <exception cref="InputFormatException">The file cannot be read, or another tool's file came without <paramref name="plan"/>.</exception>
    public static NewRun FromFile(string path, InputFormat? forced, string? plan, IReadOnlyDictionary<string, string> labels, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(path);
        var data = RunFileReader.Read(path, forced);
        if (data.Format == InputFormat.Pacer)
        {
            RunResult result;
            try
            {
                result = ResultFile.Read(path);
            }
            catch (ResultFormatException e)
            {
                throw new InputFormatException(e.Message, e);
            }

            return FromResult(path, result, File.ReadAllText(path), plan, labels, data);
        }

        if (string.IsNullOrWhiteSpace(plan))
        {
            throw new InputFormatException($"{path}: a {data.Format} file names no plan; give --plan NAME (the first part of its series' names: use the same name every time, so the runs form one series)");
        }

        string content;
        try
        {
            content = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFormatException($"{path}: cannot be read ({e.Message})", e);
        }

        return new NewRun(now, plan, null, null, data.Format.ToString(), path, labels, content,
            [.. data.Observations.Select(o => new SeriesValue(o.Group, o.Metric, o.Unit, o.Direction, o.Value, null))]);
    }

    /// <summary>The run of a Pacer result already in memory (<c>pacer run --history</c>), whose file text is <paramref name="content"/>.</summary>
    /// <exception cref="InputFormatException">A histogram in it cannot be decoded.</exception>
    public static NewRun FromResult(string source, RunResult result, string content, string? plan, IReadOnlyDictionary<string, string> labels, RunData? data = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        data ??= RunFileReader.FromResult(source, result);
        var byRequest = result.Requests.GroupBy(r => r.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Duration.Histogram, StringComparer.Ordinal);
        var overall = result.Metrics.GetValueOrDefault("http_req_duration")?.Histogram;
        var values = data.Observations.Select(o => new SeriesValue(
            o.Group, o.Metric, o.Unit, o.Direction, o.Value,
            o.Kind != ObservationKind.LatencyQuantile ? null
            : o.Group == "all" && overall is not null ? overall
            : byRequest.GetValueOrDefault(o.Group)));
        return new NewRun(
            result.StartedUtc,
            string.IsNullOrWhiteSpace(plan) ? result.Plan.Name : plan,
            result.Plan.Digest,
            result.Environment.Machine,
            nameof(InputFormat.Pacer),
            source,
            labels,
            content,
            [.. values]);
    }
}
