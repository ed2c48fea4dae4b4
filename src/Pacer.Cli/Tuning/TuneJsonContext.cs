using System.Text.Json.Serialization;
using Pacer.Reports.Tuning;

namespace Pacer.Cli.Tuning;

/// <summary>
/// The (de)serialisation code of <see cref="TuneJournal"/>'s report file, generated at build time so it runs under NativeAOT:
/// snake_case names, settings' keys as written (a knob is named by the user), indented, nulls left out, and an objective that
/// could not be measured written as "NaN" rather than failing the write.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(TuneReport))]
internal sealed partial class TuneJsonContext : JsonSerializerContext;
