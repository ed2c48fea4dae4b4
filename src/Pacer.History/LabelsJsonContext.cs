using System.Text.Json.Serialization;

namespace Pacer.History;

/// <summary>
/// The serialisation code of a run's labels column (a JSON object of strings), generated at build time so it runs under
/// NativeAOT; the serializer's default options, which wrote the rows already stored.
/// </summary>
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class LabelsJsonContext : JsonSerializerContext;
