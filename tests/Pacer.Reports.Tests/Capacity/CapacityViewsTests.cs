using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Pacer.Analysis.Capacity;
using Pacer.Reports.Capacity;
using Pacer.Reports.Console;

namespace Pacer.Reports.Tests.Capacity;

public sealed class CapacityViewsTests
{
    /// <summary>A search over an M/M/1-like service with a 1,000 req/s ceiling, its target watched, the last step over.</summary>
    private static CapacityReport Report(double? targetRate = 5000)
    {
        var levels = new[] { 125.0, 250, 500, 1000, 2000, 1414, 1189, 1091, 1044, 1022 };
        var steps = levels.Select((level, i) =>
        {
            var held = level <= 1000;
            var achieved = Math.Min(level, 1000);
            var mean = 1 / (1 - Math.Min(achieved / 1000, 0.98));
            return new CapacityStep(level, achieved, mean * 0.8, mean * 3, mean * 5, mean, (long)achieved * 5, 0, held ? [] : ["http_req_duration p(95)<50ms (was 480)"])
            {
                Index = i + 1,
                Phase = i < 5 ? CapacityPhase.Bracket : CapacityPhase.Bisect,
                Seconds = 5,
                Steady = held,
                TargetCpu = 0.05 + achieved / 1000.0,
                TargetCpuLimit = 2,
                TargetMemory = 80e6,
            };
        }).ToList();
        var search = new CapacitySearchResult(steps, CapacityOutcome.Found, 1000, 1000, 1022);
        return CapacityReport.Analyze(search, closed: false, targetRate) with { Findings = ["the target used 1.05 of 2 cores"] };
    }

    [Fact]
    public void The_page_marks_the_capacity_and_the_knee_and_draws_the_usl_curve_and_target_cpu()
    {
        var report = Report();

        var page = CapacityHtmlWriter.Write(report, "checkout", report.Replicas!.HpaManifest("checkout"));

        Assert.Contains("Sustains 1,000 req/s [1,000, 1,022]", page, StringComparison.Ordinal);
        Assert.Contains("latency percentiles against load (the hockey stick)", page, StringComparison.Ordinal);
        Assert.Contains(">capacity<", page, StringComparison.Ordinal);
        Assert.Contains(">knee", page, StringComparison.Ordinal);
        Assert.Contains("throughput against concurrency", page, StringComparison.Ordinal);
        Assert.Contains("mean CPU in each step", page, StringComparison.Ordinal);
        Assert.Contains("http_req_duration p(95)&lt;50ms (was 480)", page, StringComparison.Ordinal);
        Assert.Contains("kind: HorizontalPodAutoscaler", page, StringComparison.Ordinal);
        Assert.Contains("the target used 1.05 of 2 cores", page, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_document_has_its_schema_the_capacity_at_the_top_and_every_step()
    {
        var report = Report();

        using var json = JsonDocument.Parse(CapacityJson.Render(report, "checkout", DateTimeOffset.UnixEpoch, null));

        var root = json.RootElement;
        Assert.Equal("pacer.capacity/v1", root.GetProperty("schema").GetString());
        Assert.Equal("open", root.GetProperty("model").GetString());
        Assert.Equal(1000, root.GetProperty("capacity").GetDouble());
        Assert.Equal(1022, root.GetProperty("upper").GetDouble());
        Assert.Equal("found", root.GetProperty("report").GetProperty("search").GetProperty("outcome").GetString());
        Assert.Equal(10, root.GetProperty("report").GetProperty("search").GetProperty("steps").GetArrayLength());
        Assert.Equal(8, root.GetProperty("report").GetProperty("replicas").GetProperty("replicas").GetInt32());
        Assert.True(root.GetProperty("report").GetProperty("usl").TryGetProperty("sigma", out _));
    }

    [Fact]
    public void The_json_document_is_byte_for_byte_what_the_reflection_serializer_wrote_before_the_source_generated_context()
    {
        var report = Report();
        var hpa = report.Replicas!.HpaManifest("checkout");
        // The writer before NativeAOT: the same document through the reflection serializer with these options.
        var reflection = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = true,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        var created = new DateTimeOffset(2026, 12, 5, 21, 0, 0, TimeSpan.FromHours(1));
        var document = new CapacityDocument(CapacityJson.Schema, "checkout", created, "open", CapacityText.Headline(report), report.Search.Capacity, report.Search.Lower, report.Search.Upper, report, hpa);
        var before = JsonSerializer.Serialize(document, reflection);

        var json = CapacityJson.Render(report, "checkout", created, hpa);

        Assert.Equal(before, json);
        Assert.Contains("\"phase\": \"bisect\"", json, StringComparison.Ordinal);
        Assert.Contains("\"outcome\": \"found\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_enum_the_json_context_writes_is_a_snake_case_word()
    {
        var enums = typeof(CapacityJsonContext).GetProperties()
            .Select(p => p.PropertyType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(JsonTypeInfo<>) && t.GenericTypeArguments[0].IsEnum)
            .Select(t => t.GenericTypeArguments[0])
            .ToList();

        Assert.Equal([typeof(CapacityOutcome), typeof(CapacityPhase)], enums.OrderBy(t => t.Name, StringComparer.Ordinal));
        foreach (var type in enums)
        {
            var json = JsonSerializer.Serialize(Enum.GetValues(type).GetValue(0), CapacityJsonContext.Default.GetTypeInfo(type)!);
            Assert.Matches("^\"[a-z_]+\"$", json);
        }
    }

    [Fact]
    public void A_usl_fit_that_did_not_converge_is_written_as_NaN_not_zero()
    {
        var none = new UslParameter(double.NaN, double.NaN, double.NaN, double.NaN);
        var report = Report() with { Usl = new UslFit(none, none, none, double.NaN, 3, false, "did not converge") };

        var json = CapacityJson.Render(report, "checkout", DateTimeOffset.UnixEpoch, null);

        Assert.Contains("\"r_squared\": \"NaN\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_console_shows_every_step_the_capacity_what_broke_first_and_the_replicas()
    {
        var report = Report();
        var writer = new StringWriter();

        CapacityConsoleRenderer.Render(report, ConsoleFactory.Create(writer, isTerminal: false));

        var text = writer.ToString();
        Assert.Contains("capacity: sustains 1,000 req/s [1,000, 1,022]", text, StringComparison.Ordinal);
        Assert.Contains("broke first at 1,022 req/s: http_req_duration p(95)<50ms (was 480)", text, StringComparison.Ordinal);
        Assert.Contains("knee:", text, StringComparison.Ordinal);
        Assert.Contains("USL:", text, StringComparison.Ordinal);
        Assert.Contains("you need 8 replicas", text, StringComparison.Ordinal);
        Assert.Contains("1.05 cores", text, StringComparison.Ordinal);
        Assert.Equal(10, text.Split('\n').Count(l => l.Contains(" bracket ", StringComparison.Ordinal) || l.Contains(" bisect ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(CapacityOutcome.NoneHeld, null, "no load held the targets, down to 125 req/s")]
    [InlineData(CapacityOutcome.AboveMaximum, 2000.0, "sustains at least 2,000 req/s: the highest load allowed (--max) still held")]
    [InlineData(CapacityOutcome.GeneratorLimited, 500.0, "sustains at least 500 req/s; above it the load generator, not the service, was the limit")]
    public void The_headline_says_why_there_is_no_plain_capacity(CapacityOutcome outcome, double? capacity, string headline)
    {
        var report = Report(null);
        report = report with { Search = report.Search with { Outcome = outcome, Capacity = capacity, Lower = capacity, Upper = null } };

        Assert.Equal(headline, CapacityText.Headline(report));
    }

    [Fact]
    public void Closed_levels_are_users()
    {
        Assert.Equal("24 users", CapacityText.Level(24, closed: true));
        Assert.Equal("1 user", CapacityText.Level(1, closed: true));
        Assert.Equal("47.6 req/s", CapacityText.Level(47.6, closed: false));
    }
}
