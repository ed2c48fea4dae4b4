using System.Text.Json.Serialization;

namespace Pacer.Core.Results;

/// <summary>
/// The <c>pacer.run/v1</c> serializer, generated at compile time with the settings of <see cref="ResultFile.JsonOptions"/>
/// (snake_case names, nulls omitted, indented, named floating-point literals). Reflection-based serialisation is switched off
/// in a NativeAOT build of pacer, and the generated code is also what a JIT build runs, so both write the same bytes.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RunResult))]

// The fields PresentNotNullConverter reads, each by its own type's metadata.
[JsonSerializable(typeof(IReadOnlyList<CheckResult>))]
[JsonSerializable(typeof(IReadOnlyList<GroupResult>))]
[JsonSerializable(typeof(IReadOnlyList<Recording.ScriptErrorSummary>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, long>))]
internal sealed partial class ResultJsonContext : JsonSerializerContext;
