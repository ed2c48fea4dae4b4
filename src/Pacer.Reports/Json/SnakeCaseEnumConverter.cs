using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pacer.Reports.Json;

/// <summary>
/// An enum as its snake_case name ("no_change"), for source-generated contexts: <c>[JsonSourceGenerationOptions]</c> takes
/// converter types with a parameterless constructor, and the non-generic <see cref="JsonStringEnumConverter"/> makes its
/// converters with reflection, which NativeAOT does not have. A context lists one of these per enum it writes.
/// </summary>
internal sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower)
    where TEnum : struct, Enum;
