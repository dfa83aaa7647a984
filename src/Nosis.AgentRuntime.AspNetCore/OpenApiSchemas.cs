using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nosis.AgentRuntime.AspNetCore;

#pragma warning disable CA1812 // Types that describe the wire for OpenAPI generators; never instantiated.

/// <summary>The chat body as OpenAPI describes it.</summary>
internal sealed record UiChatRequestSchema(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("messages")] UiMessageSchema[]? Messages,
    [property: JsonPropertyName("trigger")] string? Trigger,
    [property: JsonPropertyName("messageId")] string? MessageId,
    [property: JsonPropertyName("content")] string? Content);

/// <summary>A <c>UIMessage</c> as OpenAPI describes it.</summary>
internal sealed record UiMessageSchema(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("parts")] JsonElement[] Parts,
    [property: JsonPropertyName("metadata")] JsonElement? Metadata);

/// <summary>The error body as OpenAPI describes it: problem details plus <c>error</c>.</summary>
internal sealed record ProblemDetailsSchema(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("error")] string Error);
#pragma warning restore CA1812
