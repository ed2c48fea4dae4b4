using System.Text.Json.Serialization;
using Pacer.Analysis.Capacity;
using Pacer.Reports.Json;

namespace Pacer.Reports.Capacity;

/// <summary>
/// The serialisation code of <see cref="CapacityJson"/>, generated at build time so it runs under NativeAOT: snake_case like the
/// run result file, indented, NaN written as "NaN" (a USL fit that did not converge has no coefficients: NaN says so where 0
/// would be a false number), the phases and the outcome as snake_case words.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    Converters = [typeof(SnakeCaseEnumConverter<CapacityPhase>), typeof(SnakeCaseEnumConverter<CapacityOutcome>)])]
[JsonSerializable(typeof(CapacityDocument))]
internal sealed partial class CapacityJsonContext : JsonSerializerContext;
