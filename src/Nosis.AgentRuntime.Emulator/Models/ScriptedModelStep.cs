namespace Nosis.AgentRuntime.Emulator.Models;

/// <summary>One part of a scripted model reply, played in order.</summary>
internal abstract record ScriptedModelStep
{
    /// <summary>Reasoning deltas (<c>delta.reasoning_content</c>).</summary>
    public sealed record Reasoning(IReadOnlyList<string> Tokens) : ScriptedModelStep;

    /// <summary>Assistant text deltas (<c>delta.content</c>).</summary>
    public sealed record Text(IReadOnlyList<string> Tokens) : ScriptedModelStep;

    /// <summary>Tool calls (<c>delta.tool_calls</c>); the reply then finishes with <c>tool_calls</c>.</summary>
    public sealed record ToolCalls(IReadOnlyList<ScriptedToolCall> Calls) : ScriptedModelStep;

    /// <summary>The stream waits here until the test releases the hold.</summary>
    public sealed record Hold(ScriptedHold Gate) : ScriptedModelStep;

    /// <summary>The connection is dropped here, without a finish chunk or <c>[DONE]</c>.</summary>
    public sealed record Drop : ScriptedModelStep;
}
