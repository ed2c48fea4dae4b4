using System.Text.Json.Serialization;

namespace Pacer.Cli.Commands;

/// <summary>
/// The serialisation code of <c>pacer history export --json</c>, generated at build time so it runs under NativeAOT:
/// snake_case names, labels' keys as stored, indented.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(HistoryExportDocument))]
internal sealed partial class HistoryExportJsonContext : JsonSerializerContext;
