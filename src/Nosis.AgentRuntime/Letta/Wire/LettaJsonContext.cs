using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>The source-generated JSON metadata for the Letta wire: snake_case names, nulls left out, unknown fields ignored.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(LettaAgent))]
[JsonSerializable(typeof(List<LettaAgent>))]
[JsonSerializable(typeof(LettaCreateAgentRequest))]
[JsonSerializable(typeof(LettaSendWireRequest))]
[JsonSerializable(typeof(LettaWireResponse))]
[JsonSerializable(typeof(LettaAgentPendingWire))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(LettaConversation))]
[JsonSerializable(typeof(List<JsonElement>))]
[JsonSerializable(typeof(List<LettaConversation>))]
[JsonSerializable(typeof(LettaCreateConversationRequest))]
[JsonSerializable(typeof(LettaRun))]
[JsonSerializable(typeof(List<LettaRun>))]
[JsonSerializable(typeof(LettaCancelRunsWireRequest))]
[JsonSerializable(typeof(LettaRunStreamWireRequest))]
[JsonSerializable(typeof(LettaConversationStreamWireRequest))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class LettaJsonContext : JsonSerializerContext;
