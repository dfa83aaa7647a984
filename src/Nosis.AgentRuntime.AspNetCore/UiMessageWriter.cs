using System.Text.Json;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.AspNetCore;

/// <summary>Writes stored messages as AI SDK <c>UIMessage</c> objects, with the part shapes useChat builds from the live stream.</summary>
/// <remarks>
/// Text and reasoning become <c>text</c>/<c>reasoning</c> parts (state <c>done</c>); a tool call and its result become one
/// <c>tool-&lt;name&gt;</c> part (<c>output-available</c>, <c>output-error</c>, or <c>input-available</c> when the reply ended
/// first); other parts are written as they were sent. An assistant message's <c>metadata</c> holds <c>model</c>,
/// <c>usage</c>, <c>completion</c> (<c>completed</c>, <c>aborted</c>, <c>failed</c>) and <c>truncated</c>.
/// </remarks>
internal static class UiMessageWriter
{
    public static void Write(Utf8JsonWriter json, IReadOnlyList<ConversationMessage> messages)
    {
        json.WriteStartArray();
        foreach (var message in messages)
        {
            if (message.User is { } user)
            {
                WriteMessage(json, user.MessageId, "user", user.Parts ?? [new TextPart(user.Content)]);
                json.WriteEndObject();
            }
            else if (message.Assistant is { } reply)
            {
                WriteMessage(json, reply.MessageId, "assistant", reply.Parts ?? [new TextPart(reply.Text)]);
                WriteMetadata(json, reply);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
    }

    private static void WriteMessage(Utf8JsonWriter json, string id, string role, IReadOnlyList<MessagePart> parts)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("role", role);
        json.WriteStartArray("parts");
        var results = parts.OfType<ToolResultPart>().GroupBy(r => r.ToolCallId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        foreach (var part in parts)
        {
            switch (part)
            {
                case TextPart text:
                    WriteTextPart(json, "text", text.Text);
                    break;
                case ReasoningPart reasoning:
                    WriteTextPart(json, "reasoning", reasoning.Text);
                    break;
                case ToolCallPart call:
                    WriteToolPart(json, call, results.GetValueOrDefault(call.ToolCallId));
                    break;
                case OpaquePart opaque:
                    using (var document = JsonDocument.Parse(opaque.Json))
                    {
                        document.RootElement.WriteTo(json);
                    }

                    break;
            }
        }

        json.WriteEndArray();
    }

    private static void WriteTextPart(Utf8JsonWriter json, string type, string text)
    {
        json.WriteStartObject();
        json.WriteString("type", type);
        json.WriteString("text", text);
        json.WriteString("state", "done");
        json.WriteEndObject();
    }

    private static void WriteToolPart(Utf8JsonWriter json, ToolCallPart call, ToolResultPart? result)
    {
        json.WriteStartObject();
        json.WriteString("type", "tool-" + call.ToolName);
        json.WriteString("toolCallId", call.ToolCallId);
        JsonDocument? input = null;
        try
        {
            input = string.IsNullOrWhiteSpace(call.Input) ? JsonDocument.Parse("{}") : JsonDocument.Parse(call.Input);
        }
        catch (JsonException)
        {
            // Written as useChat writes a tool-input-error: the raw text beside an error.
        }

        using (input)
        {
            if (input is null)
            {
                json.WriteString("state", "output-error");
                json.WriteString("rawInput", call.Input);
                json.WriteString("errorText", result?.Output ?? "The tool input is not valid JSON.");
            }
            else
            {
                json.WriteString("state", result is null ? "input-available" : result.IsError ? "output-error" : "output-available");
                json.WritePropertyName("input");
                input.RootElement.WriteTo(json);
                if (result is { IsError: true })
                {
                    json.WriteString("errorText", string.IsNullOrEmpty(result.Output) ? "The tool failed." : result.Output);
                }
                else if (result is not null)
                {
                    json.WriteString("output", result.Output);
                }
            }
        }

        json.WriteEndObject();
    }

    private static void WriteMetadata(Utf8JsonWriter json, AssistantMessage reply)
    {
        json.WriteStartObject("metadata");
        if (reply.Model is not null)
        {
            json.WriteString("model", reply.Model);
        }

        if (reply.Usage is { } usage)
        {
            json.WriteStartObject("usage");
            json.WriteNumber("inputTokens", usage.InputTokens);
            json.WriteNumber("outputTokens", usage.OutputTokens);
            json.WriteNumber("totalTokens", usage.TotalTokens);
            WriteOptional(json, "reasoningTokens", usage.ReasoningTokens);
            WriteOptional(json, "cachedInputTokens", usage.CachedInputTokens);
            WriteOptional(json, "stepCount", usage.StepCount);
            json.WriteEndObject();
        }

        json.WriteString("completion", reply.Completion switch
        {
            ReplyCompletion.Aborted => "aborted",
            ReplyCompletion.Failed => "failed",
            ReplyCompletion.Stopped => "stopped",
            _ => "completed",
        });
        json.WriteBoolean("truncated", reply.IsTruncated);
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }
}
