using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Pacer.Core.Recording;

namespace Pacer.Core.Results;

/// <summary>
/// The one validation pass every reader of a <c>pacer.run/v1</c> file goes through, right after deserialisation
/// (<see cref="ResultFile.Parse"/>): no null where the schema has none, every number finite and in range, every histogram
/// decodable and holding exactly the count stated beside it. Reports, compare and merge then trust the object; without this a
/// hand-edited or corrupt file turns into a NullReferenceException, or worse into a plausible verdict computed from garbage.
/// </summary>
/// <remarks>
/// The walk is driven by the result types' own declarations (nullable reference annotations), as the generated serializer
/// (<see cref="ResultJsonContext"/>) describes them, so a field added to the schema is checked without touching this file,
/// and the walk needs no reflection (a NativeAOT build of pacer keeps no property metadata). Problems are reported with the
/// JSON path of the field (<c>series[3].p95</c>).
/// </remarks>
internal static class ResultValidator
{
    /// <summary>
    /// Fields whose values may legitimately be negative: a threshold can be on any expression's value, and a watched metric can
    /// be any gauge a service exports (a scraped temperature, a balance).
    /// </summary>
    private static readonly HashSet<(Type, string)> MayBeNegative =
    [
        (typeof(ThresholdResult), Json(nameof(ThresholdResult.Actual))),
        (typeof(TargetPointResult), Json(nameof(TargetPointResult.V))),
        (typeof(TargetMetricResult), Json(nameof(TargetMetricResult.Mean))),
        (typeof(TargetMetricResult), Json(nameof(TargetMetricResult.P95))),
        (typeof(TargetMetricResult), Json(nameof(TargetMetricResult.Max))),
        (typeof(TargetMetricResult), Json(nameof(TargetMetricResult.Min))),
        (typeof(TargetMetricResult), Json(nameof(TargetMetricResult.Last))),
    ];

    /// <summary>Fields that are fractions of a whole, so 0 to 1.</summary>
    private static readonly HashSet<(Type, string)> Fractions =
    [
        (typeof(RequestResult), Json(nameof(RequestResult.ErrorRate))),
        (typeof(CheckResult), Json(nameof(CheckResult.Rate))),
        (typeof(GeneratorInfo), Json(nameof(GeneratorInfo.BusyFraction))),
        (typeof(GeneratorInfo), Json(nameof(GeneratorInfo.LoopBusyFraction))),
        (typeof(IntervalResult), Json(nameof(IntervalResult.GeneratorCpu))),
    ];

    /// <summary>Throws <see cref="ResultFormatException"/> naming <paramref name="path"/> and the field of the first problem in <paramref name="result"/>.</summary>
    public static void Validate(RunResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        var problems = new List<string>();
        Visit(result, null, problems);
        if (problems.Count > 0)
        {
            var more = problems.Count == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $" (and {problems.Count - 1} more problem{(problems.Count == 2 ? "" : "s")})");
            throw new ResultFormatException($"{path}: invalid {RunResult.SchemaV1} file: {problems[0]}{more}");
        }
    }

    /// <summary>The total of an encoded histogram, or a description of why it cannot be read.</summary>
    internal static (long Total, string? Problem) HistogramTotal(string encoded)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            // Recorded as the problem the caller reports; the base64 error itself says nothing more useful.
            return (0, "the histogram is not base64");
        }

        long total = 0;
        var overflow = false;
        var negative = false;
        try
        {
            HistogramEncoding.DecodeCompressed(bytes, (_, count) =>
            {
                negative |= count < 0;
                if (!overflow && !negative)
                {
                    overflow = count > long.MaxValue - total;
                    total = overflow ? total : total + count;
                }
            });
        }
        catch (FormatException e)
        {
            // A corrupt histogram is this file's problem, reported with its path by the caller.
            return (0, $"the histogram cannot be decoded ({e.Message})");
        }

        return negative ? (0, "the histogram holds a negative count")
            : overflow ? (0, "the histogram's counts add up beyond 2^63")
            : (total, null);
    }

    private static void Visit(object value, PathNode? node, List<string> problems)
    {
        var type = value.GetType();
        foreach (var property in TypeInfo(type).Properties)
        {
            if (property.Get is { } get)
            {
                Check(get(value), property.IsGetNullable, property.PropertyType, new PathNode(node, property.Name, -1), (type, property.Name), problems);
            }
        }

        switch (value)
        {
            case DurationStats { Histogram: { } histogram } stats:
                CheckHistogram(histogram, stats.Count, new PathNode(node, "histogram", -1), problems);
                break;
            case MetricResult { Histogram: { } histogram } metric:
                CheckHistogram(histogram, metric.Count, new PathNode(node, "histogram", -1), problems);
                break;
            case MetricResult { Type: "rate", Rate: { } rate } when rate is < 0 or > 1:
                problems.Add($"{new PathNode(node, "rate", -1)}: {Format(rate)} is not a fraction (0 to 1)");
                break;
            case RequestResult request when request.Failures > request.Requests:
                problems.Add($"{new PathNode(node, "failures", -1)}: {request.Failures} exceeds requests ({request.Requests})");
                break;
            case RequestInterval interval when interval.Errors > interval.Requests:
                problems.Add($"{new PathNode(node, "errors", -1)}: {interval.Errors} exceeds requests ({interval.Requests})");
                break;
            default:
                break;
        }
    }

    private static void Check(object? value, bool mayBeNull, Type declared, PathNode node, (Type, string) field, List<string> problems)
    {
        switch (value)
        {
            case null:
                if (!mayBeNull)
                {
                    problems.Add($"{node}: is null where the schema requires a value");
                }

                break;
            case string or bool or DateTimeOffset:
                break;
            case double d:
                if (!double.IsFinite(d))
                {
                    problems.Add($"{node}: {Format(d)} is not a finite number");
                }
                else if (d < 0 && !MayBeNegative.Contains(field))
                {
                    problems.Add($"{node}: {Format(d)} is negative");
                }
                else if (d > 1 && Fractions.Contains(field))
                {
                    problems.Add($"{node}: {Format(d)} is not a fraction (0 to 1)");
                }

                break;
            case long or int:
                if (Convert.ToInt64(value, CultureInfo.InvariantCulture) < 0 && !MayBeNegative.Contains(field))
                {
                    problems.Add($"{node}: {value} is negative");
                }

                break;
            case IDictionary dictionary:
                var (valueType, valueMayBeNull) = Element(declared);
                foreach (DictionaryEntry entry in dictionary)
                {
                    Check(entry.Value, valueMayBeNull, valueType, new PathNode(node, (string)entry.Key, -1), field, problems);
                }

                break;
            case IEnumerable list:
                var (elementType, elementMayBeNull) = Element(declared);
                var index = 0;
                foreach (var element in list)
                {
                    Check(element, elementMayBeNull, elementType, new PathNode(node, null, index++), field, problems);
                }

                break;
            default:
                Visit(value, node, problems);
                break;
        }
    }

    private static void CheckHistogram(string encoded, long? count, PathNode node, List<string> problems)
    {
        var (total, problem) = HistogramTotal(encoded);
        if (problem is not null)
        {
            problems.Add($"{node}: {problem}");
        }
        else if (count is { } stated && stated != total)
        {
            problems.Add($"{node}: the histogram holds {total} values where count says {stated}");
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Json(string propertyName) => JsonNamingPolicy.SnakeCaseLower.ConvertName(propertyName);

    private static JsonTypeInfo TypeInfo(Type type) =>
        ResultJsonContext.Default.GetTypeInfo(type) ?? throw new InvalidOperationException($"{type} is not part of the {RunResult.SchemaV1} schema");

    /// <summary>
    /// The element (or dictionary value) type of a collection declared as <paramref name="declared"/>, and whether an element may
    /// be null: only a <see cref="Nullable{T}"/> element may; the schema has no collection of optional objects or strings.
    /// </summary>
    private static (Type Type, bool MayBeNull) Element(Type declared)
    {
        var element = TypeInfo(declared).ElementType ?? typeof(object);
        return (element, Nullable.GetUnderlyingType(element) is not null);
    }

    /// <summary>One step of a JSON path, built only as far as the walk goes and turned into text only for a problem.</summary>
    private sealed record PathNode(PathNode? Parent, string? Name, int Index)
    {
        public override string ToString()
        {
            var prefix = Parent?.ToString() ?? "";
            return Name is null ? $"{prefix}[{Index}]" : prefix.Length == 0 ? Name : $"{prefix}.{Name}";
        }
    }
}
