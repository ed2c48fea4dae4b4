using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Pacer.Core.Results;

/// <summary>
/// Reads a field that a result file may leave out (files from before it existed) but may not set to null. The generated
/// deserializer hands a left-out init property null, and the property reads that as empty; so an explicit null has to be
/// refused here, while the token is still in sight, or it would pass as "left out". The message matches the validator's.
/// </summary>
/// <typeparam name="T">The field's type.</typeparam>
internal sealed class PresentNotNullConverter<T> : JsonConverter<T>
    where T : class
{
    public override bool HandleNull => true;

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null
            ? throw new JsonException("is null where the schema requires a value (a file may leave this field out, not set it to null)")
            : JsonSerializer.Deserialize(ref reader, Info(options)) ?? throw new JsonException("is null where the schema requires a value");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, Info(options));

    private static JsonTypeInfo<T> Info(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
