using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pacer.DemoTarget;

/// <summary>
/// The (de)serialisation code of every body the demo service reads or answers, generated at build time so it runs under
/// NativeAOT, where minimal APIs cannot serialise by reflection. The app's JSON options resolve through it first
/// (<see cref="DemoTargetHost"/>); its own options, the web defaults in snake_case, are those of the cached session list.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(LoginResponse))]
[JsonSerializable(typeof(CreateSessionRequest))]
[JsonSerializable(typeof(SessionView))]
[JsonSerializable(typeof(SessionList))]
[JsonSerializable(typeof(CommandRequest))]
[JsonSerializable(typeof(CommandResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(CpuResponse))]
[JsonSerializable(typeof(LockResponse))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(string))]
internal sealed partial class DemoJsonContext : JsonSerializerContext;
