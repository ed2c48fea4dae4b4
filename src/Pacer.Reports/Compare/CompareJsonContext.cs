using System.Text.Json.Serialization;
using Pacer.Analysis.Compare;
using Pacer.Analysis.Inputs;
using Pacer.Reports.Json;

namespace Pacer.Reports.Compare;

/// <summary>
/// The serialisation code of <see cref="CompareJsonWriter"/>, generated at build time so it runs under NativeAOT: snake_case,
/// indented, NaN written as "NaN" (a comparison of an empty side has no change), every enum of a row as its snake_case word.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    Converters = [typeof(SnakeCaseEnumConverter<MetricDirection>), typeof(SnakeCaseEnumConverter<Verdict>), typeof(SnakeCaseEnumConverter<VerdictBasis>)])]
[JsonSerializable(typeof(CompareJsonDocument))]
internal sealed partial class CompareJsonContext : JsonSerializerContext;
