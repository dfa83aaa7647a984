using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nosis.AgentRuntime.AspNetCore;

#pragma warning disable CA1812 // Describes the wire for OpenAPI generators; never instantiated.
/// <summary>A <c>UIMessage</c> as OpenAPI describes it.</summary>
internal sealed record UiMessageSchema(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("parts")] JsonElement[] Parts,
    [property: JsonPropertyName("metadata")] JsonElement? Metadata);
#pragma warning restore CA1812
