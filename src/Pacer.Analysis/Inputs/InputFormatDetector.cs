using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pacer.Analysis.Inputs;

/// <summary>
/// Tells the input formats apart by content, never by extension: results get renamed, and <c>go test</c> output is often saved
/// as <c>.json</c> or <c>.txt</c> indiscriminately.
/// </summary>
internal static partial class InputFormatDetector
{
    /// <summary>The format of <paramref name="text"/>; see <see cref="RunFileReader.Detect"/>.</summary>
    public static InputFormat Detect(string path, string text)
    {
        var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (IsK6Stream(trimmed))
        {
            return InputFormat.K6Points;
        }

        if (GoResultLine().IsMatch(text))
        {
            return InputFormat.GoBench;
        }

        if (!trimmed.StartsWith('{'))
        {
            throw Unknown(path, null);
        }

        try
        {
            using var document = JsonDocument.Parse(trimmed, InputText.Options);
            return FromDocument(document.RootElement) ?? throw Unknown(path, null);
        }
        catch (JsonException e)
        {
            // A truncated or hand-broken file is still recognisable by its markers; its reader then says where it is broken.
            return Sniff(trimmed) ?? throw Unknown(path, e);
        }
    }

    private static InputFormat? FromDocument(JsonElement root)
    {
        if (InputText.Text(root, "schema") is { } schema && schema.StartsWith("pacer.run/", StringComparison.Ordinal))
        {
            return InputFormat.Pacer;
        }

        if (InputText.Array(root, "Benchmarks") is { } benchmarks
            && benchmarks.EnumerateArray().Any(b => InputText.Property(b, "Statistics") is not null || InputText.Property(b, "Measurements") is not null))
        {
            return InputFormat.BenchmarkDotNet;
        }

        if (InputText.Array(root, "results") is { } results
            && results.EnumerateArray().Any(r => InputText.Property(r, "command") is not null && InputText.Property(r, "times") is not null))
        {
            return InputFormat.Hyperfine;
        }

        if (InputText.Object(root, "metrics") is { } metrics && metrics.EnumerateObject().Any(m => IsK6Metric(m.Value)))
        {
            return InputFormat.K6Summary;
        }

        return null;
    }

    /// <summary>A <c>handleSummary</c> entry (<c>type</c> + <c>values</c>) or a <c>--summary-export</c> one (k6's statistic names).</summary>
    private static bool IsK6Metric(JsonElement metric)
    {
        if (InputText.Object(metric, "values") is not null)
        {
            return InputText.Text(metric, "type") is "trend" or "counter" or "rate" or "gauge";
        }

        bool Has(string name) => InputText.Property(metric, name) is not null;
        return Has("p(95)") || Has("p(90)") || Has("med") || Has("avg") || (Has("passes") && Has("fails")) || (Has("count") && Has("rate"));
    }

    /// <summary>The first line is a k6 output entry: <c>{"type": "Metric"|"Point", "metric": …}</c>.</summary>
    private static bool IsK6Stream(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var first = (end < 0 ? text : text[..end]).Trim();
        if (!first.StartsWith('{') || !first.EndsWith('}'))
        {
            return false;
        }

        try
        {
            using var line = JsonDocument.Parse(first);
            return InputText.Text(line.RootElement, "type") is "Point" or "Metric" && InputText.Text(line.RootElement, "metric") is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static InputFormat? Sniff(string text) =>
        PacerMarker().IsMatch(text) ? InputFormat.Pacer
        : BenchmarkDotNetMarker().IsMatch(text) && text.Contains("\"Statistics\"", StringComparison.Ordinal) ? InputFormat.BenchmarkDotNet
        : HyperfineMarker().IsMatch(text) && text.Contains("\"times\"", StringComparison.Ordinal) ? InputFormat.Hyperfine
        : K6SummaryMarker().IsMatch(text) && K6StatisticMarker().IsMatch(text) ? InputFormat.K6Summary
        : null;

    private static InputFormatException Unknown(string path, JsonException? json) =>
        json is null
            ? new InputFormatException($"{path}: not a file pacer compare reads ({InputText.Expected})")
            : new InputFormatException($"{path}: not a file pacer compare reads ({InputText.Expected}); it is not valid JSON either: {InputText.Where(json)}", json);

    [GeneratedRegex(@"^Benchmark\S+\s+\d+\s+[\d.]+\s+ns/op", RegexOptions.Multiline)]
    private static partial Regex GoResultLine();

    [GeneratedRegex(@"""schema""\s*:\s*""pacer\.run/")]
    private static partial Regex PacerMarker();

    [GeneratedRegex(@"""Benchmarks""\s*:\s*\[")]
    private static partial Regex BenchmarkDotNetMarker();

    [GeneratedRegex(@"""results""\s*:\s*\[\s*\{\s*""command""")]
    private static partial Regex HyperfineMarker();

    [GeneratedRegex(@"""metrics""\s*:\s*\{")]
    private static partial Regex K6SummaryMarker();

    [GeneratedRegex(@"""(http_req_duration|iteration_duration|http_reqs)[""{]")]
    private static partial Regex K6StatisticMarker();
}
