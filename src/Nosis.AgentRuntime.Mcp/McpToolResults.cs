using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Mcp;

/// <summary>Turns an MCP <see cref="CallToolResult"/> into the result the agent reads: its text (or its structured content when it has no text), its error flag.</summary>
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

        // A server that returns structured content also sends it as text, in its own words (the spec's backward-compatible
        // form); the structured JSON is the result only when no text came with it.
        if (result.StructuredContent is { } structured && !result.Content.OfType<TextContentBlock>().Any())
        {
            parts.Add(JsonSerializer.Serialize(structured, McpJsonUtilities.DefaultOptions.GetTypeInfo(structured.GetType())));
        }

        var output = string.Join('\n', parts);
        return result.IsError == true
            ? ToolResult.Error(output.Length > 0 ? output : "The tool reported an error without a message.")
            : ToolResult.Success(output);
    }
}
