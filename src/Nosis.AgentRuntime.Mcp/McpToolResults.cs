using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Mcp;

/// <summary>Turns an MCP <see cref="CallToolResult"/> into the result the agent reads: its text, its structured content, its error flag.</summary>
internal static class McpToolResults
{
    public static ToolResult ToToolResult(CallToolResult result)
    {
        var parts = new List<string>();
        foreach (var block in result.Content)
        {
            parts.Add(block switch
            {
                TextContentBlock text => text.Text,
                EmbeddedResourceBlock { Resource: TextResourceContents resource } => resource.Text,
                EmbeddedResourceBlock embedded => $"[resource {embedded.Resource.Uri}]",
                ResourceLinkBlock link => $"[resource link {link.Uri}]",
                ImageContentBlock image => $"[image {image.MimeType}]",
                AudioContentBlock audio => $"[audio {audio.MimeType}]",
                _ => $"[{block.Type} content]",
            });
        }

        // Servers that return structured content should repeat it as text; add it only when they did not.
        if (result.StructuredContent is { } structured)
        {
            var json = JsonSerializer.Serialize(structured, McpJsonUtilities.DefaultOptions.GetTypeInfo(structured.GetType()));
            if (!parts.Exists(p => JsonEquals(p, structured)))
            {
                parts.Add(json);
            }
        }

        var output = string.Join('\n', parts);
        return result.IsError == true
            ? ToolResult.Error(output.Length > 0 ? output : "The tool reported an error without a message.")
            : ToolResult.Success(output);
    }

    private static bool JsonEquals(string text, object structured)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var element = JsonSerializer.SerializeToElement(structured, McpJsonUtilities.DefaultOptions.GetTypeInfo(structured.GetType()));
            return JsonElement.DeepEquals(document.RootElement, element);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
