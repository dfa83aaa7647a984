using System.Text.Json;

namespace Nosis.AgentRuntime.Emulator.Models;

/// <summary>The <c>usage</c> object of OpenAI's chat completions (<c>CompletionUsage</c>), and the scripted model's estimate of it.</summary>
internal static class ChatCompletionUsage
{
    public static void Write(Utf8JsonWriter writer, int promptTokens, int completionTokens)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", promptTokens);
        writer.WriteNumber("completion_tokens", completionTokens);
        writer.WriteNumber("total_tokens", promptTokens + completionTokens);
        writer.WriteEndObject();
    }

    /// <summary>The reply's own counts, or about four characters of request per prompt token and one delta per completion token.</summary>
    public static (int Prompt, int Completion) For(ScriptedReply reply, ScriptedModelRequest request, int deltas) =>
        reply.UsageOverride ?? (Math.Max(1, request.Body.Length / 4), deltas);
}
