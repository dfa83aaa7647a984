using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Nosis.AgentRuntime.Emulator.Models;

/// <summary>
/// Answers a chat completions request that did not ask for a stream: one <c>chat.completion</c> object
/// (<c>choices[0].message</c> with <c>content</c>, <c>reasoning_content</c> and <c>tool_calls</c>, <c>finish_reason</c>, <c>usage</c>),
/// as OpenAI's <c>ChatCompletion</c> type has it; and failures, as OpenAI's error body (<c>{"error": {…}}</c>).
/// </summary>
internal static class ScriptedCompletionWriter
{
    public static async Task WriteAsync(HttpContext context, ScriptedReply reply, ScriptedModelRequest request, string model, CancellationToken cancellationToken)
    {
        var reasoning = string.Empty;
        var text = string.Empty;
        var calls = new List<ScriptedToolCall>();
        foreach (var step in reply.Steps)
        {
            switch (step)
            {
                case ScriptedModelStep.Reasoning r:
                    reasoning += string.Concat(r.Tokens);
                    break;
                case ScriptedModelStep.Text t:
                    text += string.Concat(t.Tokens);
                    break;
                case ScriptedModelStep.ToolCalls c:
                    calls.AddRange(c.Calls);
                    break;
                case ScriptedModelStep.Hold hold:
                    await hold.Gate.PassAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case ScriptedModelStep.Drop:
                    context.Abort();
                    return;
            }
        }

        var (prompt, completion) = ChatCompletionUsage.For(reply, request, Math.Max(1, (text.Length + reasoning.Length) / 4));
        await WriteJsonAsync(context, 200, w => Completion(w, model, reasoning, text, calls, prompt, completion), cancellationToken).ConfigureAwait(false);
    }

    public static Task WriteErrorAsync(HttpContext context, int statusCode, string message, string type, CancellationToken cancellationToken) =>
        WriteJsonAsync(
            context,
            statusCode,
            w =>
            {
                w.WriteStartObject("error");
                w.WriteString("message", message);
                w.WriteString("type", type);
                w.WriteNull("param");
                w.WriteNull("code");
                w.WriteEndObject();
            },
            cancellationToken);

    public static async Task WriteJsonAsync(HttpContext context, int statusCode, Action<Utf8JsonWriter> writeBody, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        var writer = new Utf8JsonWriter(context.Response.Body);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writeBody(writer);
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Completion(Utf8JsonWriter w, string model, string reasoning, string text, List<ScriptedToolCall> calls, int prompt, int completion)
    {
        w.WriteString("id", "chatcmpl-" + Guid.NewGuid().ToString("N")[..24]);
        w.WriteString("object", "chat.completion");
        w.WriteNumber("created", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        w.WriteString("model", model);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        w.WriteString("content", text);
        if (reasoning.Length > 0)
        {
            w.WriteString("reasoning_content", reasoning);
        }

        if (calls.Count > 0)
        {
            w.WriteStartArray("tool_calls");
            foreach (var call in calls)
            {
                w.WriteStartObject();
                w.WriteString("id", call.Id);
                w.WriteString("type", "function");
                w.WriteStartObject("function");
                w.WriteString("name", call.Name);
                w.WriteString("arguments", call.ArgumentsJson);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteNull("logprobs");
        w.WriteString("finish_reason", calls.Count > 0 ? "tool_calls" : "stop");
        w.WriteEndObject();
        w.WriteEndArray();
        ChatCompletionUsage.Write(w, prompt, completion);
    }
}
