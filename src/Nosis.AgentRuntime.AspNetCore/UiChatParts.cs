using System.Text;
using System.Text.Json;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.AspNetCore;

/// <summary>Reads the parts of a request's UI message: its text, and the parts to store with the user message.</summary>
internal static class UiChatParts
{
    public static string TextOf(UiChatMessage message)
    {
        var builder = new StringBuilder();
        foreach (var part in message.Parts)
        {
            if (TypeOf(part) == "text" && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                builder.Append(builder.Length > 0 ? "\n" : string.Empty).Append(JsonText.Read(text, "text"));
            }
        }

        return builder.ToString();
    }

    /// <summary>Text parts become <see cref="TextPart"/>; every other part (files, sources, <c>data-*</c>) is kept as sent.</summary>
    public static IReadOnlyList<MessagePart> ToMessageParts(UiChatMessage message) =>
    [
        .. message.Parts.Select(part => TypeOf(part) == "text" && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
            ? (MessagePart)new TextPart(JsonText.Read(text, "text"))
            : new OpaquePart(TypeOf(part) ?? string.Empty, part.GetRawText())),
    ];

    public static string? TypeOf(JsonElement part) =>
        part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
}
