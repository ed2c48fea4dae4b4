using System.Globalization;
using System.Text.Json;

namespace Pacer.Analysis.Inputs;

/// <summary>
/// Reads k6's end-of-test summary in both shapes: <c>--summary-export</c> (each metric's statistics directly under its name:
/// <c>"http_req_duration": {"avg": …, "p(95)": …}</c>) and a <c>handleSummary</c> JSON dump
/// (<c>"http_req_duration": {"type": "trend", "contains": "time", "values": {…}}</c>). Only summaries exist here, so every
/// observation's samples are empty.
/// </summary>
/// <remarks>
/// Groups: <c>http_req_duration</c>, <c>http_reqs</c> and <c>http_req_failed</c> give <c>all</c>, and their submetrics a group
/// per tag set (<c>{name:login}</c> → <c>login</c>, so it pairs with a Pacer request of that name; any other tag set keeps its
/// braces, <c>{expected_response:true}</c>). <c>iteration_duration</c> and custom trends are their own groups, named by the
/// metric key.
/// </remarks>
internal static class K6SummaryReader
{
    private const string Duration = "http_req_duration";
    private const string Requests = "http_reqs";
    private const string Failed = "http_req_failed";

    /// <summary>k6's own trends other than these two are request phases or protocol details, not what a comparison is about.</summary>
    private static readonly string[] BuiltInTrendPrefixes = ["http_req_", "ws_", "grpc_", "browser_", "webvitals_", "group_duration"];

    /// <summary>The observations of one file; <see cref="InputFormatException"/> naming the file and the place when it is broken.</summary>
    public static List<Observation> Read(string path, string text)
    {
        using var document = InputText.Parse(path, text, "k6 summary");
        if (InputText.Object(document.RootElement, "metrics") is not { } metrics)
        {
            throw new InputFormatException($"{path}: a k6 summary needs a top-level \"metrics\" object");
        }

        var entries = metrics.EnumerateObject().Select(p => K6SummaryEntry.Of(p.Name, p.Value)).ToList();
        var observations = new List<Observation>();
        foreach (var entry in entries.OrderBy(e => e.Tags is null ? 0 : 1))
        {
            switch (entry.Type)
            {
                case "trend" when entry.Base == Duration:
                    AddTrend(observations, GroupOf(entry.Tags), "ms", entry.Values);
                    break;
                case "trend" when !IsBuiltIn(entry.Base):
                    var unit = entry.Base == "iteration_duration" || entry.Contains == "time" ? "ms" : "";
                    AddTrend(observations, entry.Key, unit, entry.Values);
                    break;
                case "counter" when entry.Base == Requests && InputText.Number(entry.Values, "rate") is { } rate:
                    observations.Add(new Observation(
                        GroupOf(entry.Tags), "rps", "req/s", MetricDirection.HigherIsBetter, ObservationKind.Throughput, rate, []));
                    break;
                case "rate" when entry.Base == Failed:
                    observations.Add(ErrorRate(path, entry, entries));
                    break;
                default:
                    break;
            }
        }

        if (observations.Count == 0)
        {
            throw new InputFormatException($"{path}: the k6 summary has no {Duration}, {Requests}, {Failed} or custom trend metric");
        }

        return observations;
    }

    private static bool IsBuiltIn(string name) =>
        name != "iteration_duration" && BuiltInTrendPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    /// <summary><c>all</c> for the metric itself; the request name for <c>{name:…}</c>; otherwise the tag set in braces.</summary>
    private static string GroupOf(string? tags)
    {
        if (tags is null)
        {
            return PacerResultReader.AllGroup;
        }

        var parts = tags.Split(':', 2);
        return parts.Length == 2 && parts[0].Trim() == "name" && !tags.Contains(',', StringComparison.Ordinal)
            ? parts[1].Trim()
            : "{" + tags + "}";
    }

    /// <summary>Each percentile k6 reported (<c>med</c> is p50) and the mean.</summary>
    private static void AddTrend(List<Observation> observations, string group, string unit, JsonElement values)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stat in values.EnumerateObject())
        {
            if (stat.Value.ValueKind != JsonValueKind.Number)
            {
                continue;
            }

            var metric = stat.Name switch
            {
                "med" => "p50",
                "avg" => "avg",
                _ when stat.Name.StartsWith("p(", StringComparison.Ordinal) && stat.Name.EndsWith(')')
                    && double.TryParse(stat.Name[2..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var p)
                    => "p" + p.ToString(CultureInfo.InvariantCulture),
                _ => null,
            };
            if (metric is not null && seen.Add(metric))
            {
                observations.Add(new Observation(
                    group, metric, unit, MetricDirection.LowerIsBetter, ObservationKind.LatencyQuantile, stat.Value.GetDouble(), []));
            }
        }
    }

    /// <summary>
    /// k6 counts a rate metric's non-zero samples as "passes": for <c>http_req_failed</c> those are the failed requests. Without
    /// the counts, the total is the matching <c>http_reqs</c> count and the failures the rate times it.
    /// </summary>
    private static Observation ErrorRate(string path, K6SummaryEntry entry, List<K6SummaryEntry> entries)
    {
        var group = GroupOf(entry.Tags);
        if (InputText.Number(entry.Values, "passes") is { } passes && InputText.Number(entry.Values, "fails") is { } fails)
        {
            return PacerResultReader.ErrorRate(group, (long)passes, (long)(passes + fails));
        }

        var rate = InputText.Number(entry.Values, "rate") ?? InputText.Number(entry.Values, "value")
            ?? throw new InputFormatException($"{path}: metrics.{entry.Key} has neither passes/fails nor a rate");
        var requestsKey = entry.Tags is null ? Requests : $"{Requests}{{{entry.Tags}}}";
        var count = entries.FirstOrDefault(e => e.Key == requestsKey) is { } requests ? InputText.Number(requests.Values, "count") : null;
        if (count is not { } total)
        {
            throw new InputFormatException($"{path}: metrics.{entry.Key} has only a rate and there is no {requestsKey} count to weigh it");
        }

        return PacerResultReader.ErrorRate(group, (long)Math.Round(rate * total), (long)total);
    }
}
