using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Nosis.AgentRuntime.AI;

/// <summary>Turns what an <see cref="AIFunction"/> returned into the text the agent reads.</summary>
internal static class ToolOutput
{
    public static string From(object? value, JsonSerializerOptions serializerOptions) => value switch
    {
        null => string.Empty,
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? string.Empty,
        JsonElement { ValueKind: JsonValueKind.Undefined or JsonValueKind.Null } => string.Empty,
        JsonElement element => element.GetRawText(),
        TextContent content => content.Text,
        IEnumerable<AIContent> contents => string.Join('\n', contents.Select(c => From(c, serializerOptions)).Where(t => t.Length > 0)),
        _ => JsonSerializer.Serialize(value, serializerOptions.GetTypeInfo(value.GetType())),
    };
}
