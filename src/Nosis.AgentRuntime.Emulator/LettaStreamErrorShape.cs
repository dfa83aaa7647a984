namespace Nosis.AgentRuntime.Emulator;

/// <summary>Which of Letta's two in-stream error shapes a scripted error takes.</summary>
public enum LettaStreamErrorShape
{
    /// <summary>The agent loop's shape: <c>stop_reason: error</c>, then <c>event: error</c> with an <c>error_message</c>, then <c>[DONE]</c>.</summary>
    ErrorMessage,

    /// <summary>The response wrapper's shape: <c>event: error</c> with <c>{"error": …, "code": "INTERNAL_SERVER_ERROR"}</c> and no <c>[DONE]</c>.</summary>
    Wrapper,
}
