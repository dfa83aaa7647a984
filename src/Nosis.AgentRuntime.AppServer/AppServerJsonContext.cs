using System.Text.Json;
using System.Text.Json.Serialization;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.AppServer;

/// <summary>Source-generated JSON metadata for the App Server's frames: Letta's snake_case names, nulls left out, unknown fields ignored.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(LettaAgent))]
[JsonSerializable(typeof(LettaCreateAgentRequest))]
[JsonSerializable(typeof(LettaConversation))]
internal sealed partial class AppServerJsonContext : JsonSerializerContext;
