namespace Nosis.AgentRuntime.Streaming;

/// <summary>Letta said why the reply stopped.</summary>
/// <param name="StopReason">Letta's <c>stop_reason</c> as sent (an open set, e.g. <c>end_turn</c>).</param>
/// <param name="FinishReason">The same reason in the AI SDK's vocabulary.</param>
public sealed record StopEvent(string StopReason, ChatFinishReason FinishReason) : AgentChatEvent
{
    /// <summary>Creates the event for a Letta stop reason, mapping it to a finish reason.</summary>
    /// <param name="stopReason">Letta's <c>stop_reason</c>.</param>
    /// <returns>The event.</returns>
    public static StopEvent FromLetta(string stopReason)
    {
        ArgumentNullException.ThrowIfNull(stopReason);
        return new StopEvent(stopReason, MapLettaStopReason(stopReason));
    }

    /// <summary>Maps a Letta stop reason to the AI SDK's finish reason; unknown reasons map to <see cref="ChatFinishReason.Other"/>.</summary>
    /// <param name="stopReason">Letta's <c>stop_reason</c>.</param>
    /// <returns>The finish reason.</returns>
    public static ChatFinishReason MapLettaStopReason(string? stopReason) => stopReason switch
    {
        "end_turn" or "tool_rule" => ChatFinishReason.Stop,
        "requires_approval" => ChatFinishReason.ToolCalls,
        "max_tokens_exceeded" or "context_window_overflow_in_system_prompt" => ChatFinishReason.Length,
        "error" or "llm_api_error" or "invalid_llm_response" or "invalid_tool_call" or "no_tool_call" or "insufficient_credits" => ChatFinishReason.Error,
        _ => ChatFinishReason.Other, // max_steps, cancelled and reasons Letta adds later
    };
}
