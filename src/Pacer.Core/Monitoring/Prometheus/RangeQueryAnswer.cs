using System.Globalization;
using System.Text.Json;

namespace Pacer.Core.Monitoring.Prometheus;

/// <summary>
/// Reads a Prometheus HTTP API answer to <c>/api/v1/query_range</c>: <c>{"status":"success","data":{"resultType":"matrix",
/// "result":[{"metric":{…},"values":[[1700000000.5,"1.25"],…]}]}}</c>, or <c>{"status":"error","errorType":…,"error":…}</c>.
/// </summary>
internal static class RangeQueryAnswer
{
    /// <summary>The points of the one series a query returned (none when it returned none); throws <see cref="ScrapeException"/> otherwise.</summary>
    public static List<(double UnixSeconds, double Value)> Read(string query, int status, string? reason, string body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new ScrapeException(status is >= 200 and <= 299
                ? $"query {query}: the answer is not JSON (is the URL a Prometheus server?)"
                : $"query {query}: HTTP {status} {reason}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new ScrapeException($"query {query}: the answer is not a Prometheus API answer");
            var state = Text(root, "status");
            if (state == "error" || status is < 200 or > 299)
            {
                var type = Text(root, "errorType");
                var error = Text(root, "error");
                throw new ScrapeException(error is null
                    ? $"query {query}: HTTP {status} {reason}"
                    : $"query {query}: {(type is null ? "" : type + ": ")}{error}");
            }

            if (state != "success" || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                throw new ScrapeException($"query {query}: the answer has no \"status\":\"success\" with data (is the URL a Prometheus server?)");
            }

            var resultType = Text(data, "resultType");
            if (resultType != "matrix") throw new ScrapeException($"query {query}: a range query answered with a {resultType ?? "missing"} result, not a matrix");
            if (!data.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Array)
            {
                throw new ScrapeException($"query {query}: the matrix has no result list");
            }

            var series = result.EnumerateArray().ToList();
            if (series.Count == 0) return [];
            if (series.Count > 1)
            {
                // Summing would be right for a rate and wrong for a quantile or a ratio; only the query knows which it is.
                var labels = series.Take(3).Select(Labels);
                throw new ScrapeException($"query {query} returned {series.Count} series ({string.Join(", ", labels)}{(series.Count > 3 ? ", …" : "")}); aggregate it to one in PromQL (sum, max, avg … by nothing)");
            }

            if (!series[0].TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array)
            {
                throw new ScrapeException($"query {query}: the series has no values");
            }

            var points = new List<(double, double)>();
            foreach (var pair in values.EnumerateArray())
            {
                if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2 || pair[0].ValueKind != JsonValueKind.Number || pair[1].ValueKind != JsonValueKind.String)
                {
                    throw new ScrapeException($"query {query}: a value is not [time, \"number\"]: {pair.GetRawText()}");
                }

                var text = pair[1].GetString()!;
                // NaN and ±Inf (a ratio over no traffic, a quantile of nothing) are no reading for that second.
                if (text is "NaN" or "+Inf" or "-Inf" or "Inf") continue;
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    throw new ScrapeException($"query {query}: '{text}' is not a number");
                }

                points.Add((pair[0].GetDouble(), value));
            }

            return points;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Labels(JsonElement series) =>
        series.TryGetProperty("metric", out var metric) && metric.ValueKind == JsonValueKind.Object
            ? "{" + string.Join(", ", metric.EnumerateObject().Select(p => $"{p.Name}=\"{p.Value}\"")) + "}"
            : "{}";
}
