using System.Text.Json;
using System.Text.Json.Nodes;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Data.Internal;

/// <summary>The stored form of a reply's tool calls: a JSON array of <c>{id, name, arguments, output, is_error}</c>, or null for none.</summary>
internal static class ToolCallColumn
{
    public static string? Write(IReadOnlyList<AssistantToolCall> calls) => calls.Count == 0
        ? null
        : new JsonArray([.. calls.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = c.ToolCallId,
            ["name"] = c.Name,
            ["arguments"] = c.Arguments,
            ["output"] = c.Output,
            ["is_error"] = c.IsError,
        })]).ToJsonString();

    public static IReadOnlyList<AssistantToolCall> Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        try
        {
            return [.. JsonNode.Parse(json)!.AsArray().OfType<JsonObject>().Select(c =>
                new AssistantToolCall((string?)c["id"] ?? string.Empty, (string?)c["name"] ?? string.Empty, (string?)c["arguments"] ?? "{}")
                {
                    Output = (string?)c["output"],
                    IsError = (bool?)c["is_error"] ?? false,
                })];
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidOperationException("A stored message has tool calls that are not valid JSON.", exception);
        }
    }
}
