using System.Text.Json;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>The chunks of a tool call and its result: <c>tool-input-available</c> (or <c>tool-input-error</c>), <c>tool-output-available</c> (or <c>tool-output-error</c>).</summary>
internal static class UiToolChunks
{
    private const string InvalidToolInputText = "The tool input is not valid JSON.";
    private const string ToolFailedText = "The tool failed.";

    /// <summary>Writes the call; arguments that are not valid JSON become <c>tool-input-error</c> with the raw text as <c>input</c>, empty ones <c>{}</c>.</summary>
    public static void WriteCall(UiChunkWriter chunks, ToolCallEvent toolCall)
    {
        var arguments = toolCall.ArgumentsJson;
        JsonDocument? input = null;
        if (!string.IsNullOrWhiteSpace(arguments))
        {
            try
            {
                input = JsonDocument.Parse(arguments);
            }
            catch (JsonException)
            {
                chunks.Begin(ChunkNames.ToolInputError);
                chunks.Json.WriteString(ChunkNames.ToolCallId, toolCall.ToolCallId);
                chunks.Json.WriteString(ChunkNames.ToolName, toolCall.ToolName);
                chunks.Json.WriteString(ChunkNames.Input, arguments);
                chunks.Json.WriteString(ChunkNames.ErrorText, InvalidToolInputText);
                chunks.End();
                return;
            }
        }

        using (input)
        {
            chunks.Begin(ChunkNames.ToolInputAvailable);
            chunks.Json.WriteString(ChunkNames.ToolCallId, toolCall.ToolCallId);
            chunks.Json.WriteString(ChunkNames.ToolName, toolCall.ToolName);
            chunks.Json.WritePropertyName(ChunkNames.Input);
            if (input is null)
            {
                chunks.Json.WriteStartObject();
                chunks.Json.WriteEndObject();
            }
            else
            {
                input.RootElement.WriteTo(chunks.Json);
            }

            chunks.End();
        }
    }

    public static void WriteResult(UiChunkWriter chunks, ToolResultEvent toolResult)
    {
        if (toolResult.IsError)
        {
            chunks.Begin(ChunkNames.ToolOutputError);
            chunks.Json.WriteString(ChunkNames.ToolCallId, toolResult.ToolCallId);
            chunks.Json.WriteString(ChunkNames.ErrorText, string.IsNullOrEmpty(toolResult.Output) ? ToolFailedText : toolResult.Output);
        }
        else
        {
            chunks.Begin(ChunkNames.ToolOutputAvailable);
            chunks.Json.WriteString(ChunkNames.ToolCallId, toolResult.ToolCallId);
            chunks.Json.WriteString(ChunkNames.Output, toolResult.Output); // null writes "output":null: the key is required
        }

        chunks.End();
    }
}
