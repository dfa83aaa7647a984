namespace Nosis.AgentRuntime.Emulator;

/// <summary>One part of a scripted reply.</summary>
internal abstract record ReplyStep
{
    public sealed record Reasoning(IReadOnlyList<string> Tokens) : ReplyStep;

    public sealed record HiddenReasoning(string State, string? Payload) : ReplyStep;

    public sealed record Text(IReadOnlyList<string> Tokens) : ReplyStep;

    public sealed record ClientToolCall(string Name, string Arguments, string ToolCallId) : ReplyStep;

    public sealed record ServerToolCalls(IReadOnlyList<ServerCall> Calls) : ReplyStep;

    public sealed record Error(string ErrorType, string Message, LettaStreamErrorShape Shape) : ReplyStep;

    public sealed record Usage(LettaEmulatedUsage Value) : ReplyStep;

    public sealed record Ping : ReplyStep;

    public sealed record Wait(Func<CancellationToken, Task> Until) : ReplyStep;

    public sealed record Stop(string StopReason) : ReplyStep;

    public sealed record Cancel : ReplyStep;

    public sealed record Trickle(TimeSpan Delay) : ReplyStep;

    public sealed record Compaction(string Summary, string Trigger, int MessagesBefore, int MessagesAfter) : ReplyStep;

    public sealed record ResponseState : ReplyStep;

    /// <summary>One server-side tool call and its scripted result.</summary>
    public sealed record ServerCall(string Name, string Arguments, string Result, bool IsError, string ToolCallId);
}
