using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Pacer.Analysis.Compare;
using Pacer.Analysis.Inputs;
using Pacer.Reports.Compare;

namespace Pacer.Reports.Tests.Compare;

public sealed class CompareJsonWriterTests
{
    /// <summary>Rows with every shape a row takes: a NaN change, no p-value, both directions, every verdict, a basis, notes.</summary>
    private static ComparisonReport Report() => new(
        ["base-1.json", "base-2.json"],
        ["cur.json"],
        [
            new ComparisonRow("all", "p95", "ms", MetricDirection.LowerIsBetter, 10, 12.5, 0.25, 0.1, 0.4, 0.001, 0.003, 2, 1, 0.05, Verdict.Regressed, "welch", 3, ["one run a side"]),
            new ComparisonRow("GET /cart", "rps", "req/s", MetricDirection.HigherIsBetter, 500, 510, 0.02, -0.01, 0.05, null, null, 2, 1, 0.05, Verdict.Equivalent, "bootstrap", null, [])
            {
                Basis = VerdictBasis.NoiseFloor,
            },
            new ComparisonRow("POST /order", "error_rate", "ratio", MetricDirection.LowerIsBetter, 0, 0, double.NaN, double.NaN, double.NaN, null, null, 2, 1, 0.05, Verdict.Inconclusive, "none", null, ["no errors on either side"]),
            new ComparisonRow("all", "p50", "ms", MetricDirection.LowerIsBetter, 10, 8, -0.2, -0.3, -0.1, 1e-9, 2e-9, 2, 1, 0.05, Verdict.Improved, "welch", null, []),
        ],
        new Dictionary<string, double> { ["p95"] = 1.25, ["rps"] = 1.02 },
        ["rps only in baseline <&>"]);

    [Fact]
    public void Write_IsByteForByteWhatTheReflectionSerializerWroteBeforeTheSourceGeneratedContext()
    {
        var report = Report();
        // The writer before NativeAOT: an anonymous type through the reflection serializer with these options.
        var reflection = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = true,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        var before = JsonSerializer.Serialize(new { schema = "pacer.compare/v1", regressed = report.Regressed, report.BaselineSources, report.CurrentSources, report.Rows, report.Geomeans, report.Warnings }, reflection);

        var json = CompareJsonWriter.Write(report);

        Assert.Equal(before, json);
        Assert.Contains("\"verdict\": \"regressed\"", json, StringComparison.Ordinal);
        Assert.Contains("\"basis\": \"noise_floor\"", json, StringComparison.Ordinal);
        Assert.Contains("\"direction\": \"higher_is_better\"", json, StringComparison.Ordinal);
        Assert.Contains("\"change\": \"NaN\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryEnumTheContextWrites_IsASnakeCaseWord()
    {
        var enums = typeof(CompareJsonContext).GetProperties()
            .Select(p => p.PropertyType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(JsonTypeInfo<>) && t.GenericTypeArguments[0].IsEnum)
            .Select(t => t.GenericTypeArguments[0])
            .ToList();

        Assert.Equal([typeof(MetricDirection), typeof(Verdict), typeof(VerdictBasis)], enums.OrderBy(t => t.Name, StringComparer.Ordinal));
        foreach (var type in enums)
        {
            var json = JsonSerializer.Serialize(Enum.GetValues(type).GetValue(0), CompareJsonContext.Default.GetTypeInfo(type)!);
            Assert.Matches("^\"[a-z_]+\"$", json);
        }
    }
}
