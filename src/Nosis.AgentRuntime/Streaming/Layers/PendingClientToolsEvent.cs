namespace Nosis.AgentRuntime.Streaming;

/// <summary>Inside the pipeline only: the Letta step ended waiting for the host to answer these client tool calls.</summary>
/// <remarks>The client-tool layer consumes it; it never reaches a host, which sees the calls as <see cref="ToolCallEvent"/>s once they run.</remarks>
/// <param name="Calls">The calls, in the order Letta streamed them.</param>
internal sealed record PendingClientToolsEvent(IReadOnlyList<PendingToolCall> Calls) : AgentChatEvent;
