namespace Nosis.AgentRuntime.Emulator;

/// <summary>One part of a scripted reply.</summary>
internal abstract record ReplyStep
{
    public sealed record Reasoning(IReadOnlyList<string> Tokens) : ReplyStep;

    public sealed record Text(IReadOnlyList<string> Tokens) : ReplyStep;

    public sealed record ClientToolCall(string Name, string Arguments, string ToolCallId) : ReplyStep;

    public sealed record ServerToolCall(string Name, string Arguments, string Result, string ToolCallId) : ReplyStep;

    public sealed record Error(string ErrorType, string Message, LettaStreamErrorShape Shape) : ReplyStep;

    public sealed record Usage(long PromptTokens, long CompletionTokens) : ReplyStep;

    public sealed record Ping : ReplyStep;

    public sealed record Wait(Func<CancellationToken, Task> Until) : ReplyStep;

    public sealed record Stop(string StopReason) : ReplyStep;
}
