using System.Text.Json.Serialization;

namespace Nosis.AgentRuntime.AspNetCore;

#pragma warning disable CA1812 // Describes the wire for OpenAPI generators; never instantiated.
/// <summary>The chat body as OpenAPI describes it.</summary>
internal sealed record UiChatRequestSchema(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("messages")] UiMessageSchema[]? Messages,
    [property: JsonPropertyName("trigger")] string? Trigger,
    [property: JsonPropertyName("messageId")] string? MessageId,
    [property: JsonPropertyName("content")] string? Content);
#pragma warning restore CA1812
