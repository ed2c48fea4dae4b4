using System.Text.Json.Serialization;

namespace Pacer.Reports.Html;

/// <summary>
/// The serialisation code of the trend page's run data, generated at build time so it runs under NativeAOT. camelCase gives the
/// script's one-word names; otherwise the serializer's defaults, whose encoder escapes &lt;, &gt; and &amp; too.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<TrendRunData>))]
internal sealed partial class TrendJsonContext : JsonSerializerContext;
