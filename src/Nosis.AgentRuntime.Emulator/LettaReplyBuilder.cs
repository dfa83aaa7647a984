namespace Nosis.AgentRuntime.Emulator;

/// <summary>Builds a <see cref="LettaReply"/> step by step, in the order the emulator plays it.</summary>
public sealed class LettaReplyBuilder
{
    private readonly List<ReplyStep> _steps = [];

    internal LettaReplyBuilder()
    {
    }

    /// <summary>Adds reasoning, streamed word by word.</summary>
    /// <param name="text">The reasoning text.</param>
    /// <returns>This builder.</returns>
    public LettaReplyBuilder Reasoning(string text) => Add(new ReplyStep.Reasoning(ReplyTokens.Words(text)));

    /// <summary>Adds reasoning as the given token deltas.</summary>
    /// <param name="tokens">The deltas, in order.</param>
    /// <returns>This builder.</returns>
    public LettaReplyBuilder ReasoningTokens(params string[] tokens) => Add(new ReplyStep.Reasoning([.. tokens]));

    /// <summary>Adds assistant text, streamed word by word.</summary>
    /// <param name="text">The text.</param>
    /// <returns>This builder.</returns>
    public LettaReplyBuilder Text(string text) => Add(new ReplyStep.Text(ReplyTokens.Words(text)));

    /// <summary>Adds assistant text as the given token deltas.</summary>
    /// <param name="tokens">The deltas, in order.</param>
    /// <returns>This builder.</returns>
    public LettaReplyBuilder TextTokens(params string[] tokens) => Add(new ReplyStep.Text([.. tokens]));

    /// <summary>Makes the agent call a client-side tool: the stream pauses with an approval request and <c>requires_approval</c>, and the rest of the script plays when a send returns the tool's result.</summary>
    /// <param name="name">The tool name.</param>
    /// <param name="argumentsJson">The arguments, as JSON text.</param>
    /// <param name="toolCallId">The tool call id; a fresh one when <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    public LettaReplyBuilder ClientToolCall(string name, string argumentsJson, string? toolCallId = null) =>
        Add(new ReplyStep.ClientToolCall(name, argumentsJson, toolCallId ?? ReplyTokens.NewToolCallId()));

    /// <summary>Makes the agent run a server-side tool: a <c>tool_call_message</c> (arguments in fragments), then a <c>tool_return_message</c>.</summary>
    /// <param name="name">The tool name.</param>
    /// <param name="argumentsJson">The arguments, as JSON text.</param>
    /// <param name="result">The tool's output.</param>
    /// <returns>This builder.</returns>
    public LettaReplyBuilder ServerToolCall(string name, string argumentsJson, string result) =>
        ParallelToolCalls(new LettaEmulatedToolCall(name, argumentsJson, result));

    /// <summary>Makes the agent run several server-side tools in one step: their calls, then one <c>tool_return_message</c> with every result in <c>tool_returns</c>.</summary>
    /// <param name="calls">The calls and their results, in order.</param>
    /// <returns>This builder.</returns>
    public LettaReplyBuilder ParallelToolCalls(params LettaEmulatedToolCall[] calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentOutOfRangeException.ThrowIfZero(calls.Length);
        return Add(new ReplyStep.ServerToolCalls([.. calls.Select(c => new ReplyStep.ServerCall(c.Name, c.ArgumentsJson, c.Result, c.IsError, ReplyTokens.NewToolCallId()))]));
    }

    /// <summary>Adds reasoning the provider hid (<c>hidden_reasoning_message</c>).</summary>
    /// <param name="state"><c>redacted</c> or <c>omitted</c>.</param>
    /// <param name="payload">The provider's opaque payload, if any.</param>
    /// <returns>This builder.</returns>
    public LettaReplyBuilder HiddenReasoning(string state = "omitted", string? payload = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        return Add(new ReplyStep.HiddenReasoning(state, payload));
    }

    /// <summary>Ends the reply as a cancelled run: <c>event: cancelled</c>, with no stop reason and no <c>[DONE]</c>.</summary>
    /// <returns>This builder.</returns>
    public LettaReplyBuilder Cancelled() => Add(new ReplyStep.Cancel());

    /// <summary>From this point on, waits <paramref name="delay"/> before every token.</summary>
    /// <param name="delay">The delay per token; zero stops the trickle.</param>
    /// <returns>This builder.</returns>
    public LettaReplyBuilder Trickle(TimeSpan delay) => Add(new ReplyStep.Trickle(delay));

    /// <summary>Ends the reply with an in-stream error.</summary>
    /// <param name="errorType">The <c>error_type</c>, e.g. <c>llm_timeout</c>.</param>
    /// <param name="message">The error message.</param>
    /// <param name="shape">Which of Letta's two error shapes to send.</param>
    /// <returns>This builder.</returns>
    public LettaReplyBuilder Error(string errorType, string message, LettaStreamErrorShape shape = LettaStreamErrorShape.ErrorMessage) =>
        Add(new ReplyStep.Error(errorType, message, shape));

    /// <summary>Sets the usage the reply reports.</summary>
    /// <param name="promptTokens">The prompt tokens.</param>
    /// <param name="completionTokens">The completion tokens.</param>
    /// <returns>This builder.</returns>
    public LettaReplyBuilder Usage(long promptTokens, long completionTokens) => Usage(new LettaEmulatedUsage(promptTokens, completionTokens));

    /// <summary>Sets the usage the reply reports, with its optional counts.</summary>
    /// <param name="usage">The usage.</param>
    /// <returns>This builder.</returns>
    public LettaReplyBuilder Usage(LettaEmulatedUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return Add(new ReplyStep.Usage(usage));
    }

    /// <summary>Sends a keepalive ping at this point.</summary>
    /// <returns>This builder.</returns>
    public LettaReplyBuilder Ping() => Add(new ReplyStep.Ping());

    /// <summary>Holds the stream at this point until <paramref name="until"/> completes, sending keepalive pings meanwhile.</summary>
    /// <param name="until">What to wait for.</param>
    /// <returns>This builder.</returns>
    public LettaReplyBuilder WaitFor(Task until)
    {
        ArgumentNullException.ThrowIfNull(until);
        return Add(new ReplyStep.Wait(token => until.WaitAsync(token)));
    }

    /// <summary>Holds the stream at this point for <paramref name="delay"/>, sending keepalive pings meanwhile.</summary>
    /// <param name="delay">How long.</param>
    /// <returns>This builder.</returns>
    public LettaReplyBuilder Delay(TimeSpan delay) => Add(new ReplyStep.Wait(token => Task.Delay(delay, token)));

    /// <summary>Sets the stop reason the reply ends with (the default is <c>end_turn</c>).</summary>
    /// <param name="stopReason">The stop reason, e.g. <c>max_steps</c> or <c>cancelled</c>.</param>
    /// <returns>This builder.</returns>
    public LettaReplyBuilder StopReason(string stopReason) => Add(new ReplyStep.Stop(stopReason));

    /// <summary>
    /// Makes Letta compact the context window here: with <c>include_compaction_messages</c> an <c>event_message</c>
    /// (<c>event_type: "compaction"</c>, <c>event_data: {trigger}</c>) then a <c>summary_message</c> with its <c>compaction_stats</c>
    /// (<c>EventMessage</c> and <c>SummaryMessage</c> of <c>@letta-ai/letta-client</c> 1.12.1, in letta-code's order); nothing without it.
    /// </summary>
    /// <param name="summary">The summary that replaced the older messages.</param>
    /// <param name="trigger">What triggered it.</param>
    /// <param name="messagesBefore">How many messages were in context before.</param>
    /// <param name="messagesAfter">How many after.</param>
    /// <returns>This builder.</returns>
    public LettaReplyBuilder Compaction(string summary, string trigger = "context_window_exceeded", int messagesBefore = 40, int messagesAfter = 4) =>
        Add(new ReplyStep.Compaction(summary, trigger, messagesBefore, messagesAfter));

    /// <summary>Adds a Letta Cloud <c>response_state</c> frame (<c>{cache_scope, response_id}</c>, as letta-code's <c>src/agent/message.ts</c> reads it), in no client type.</summary>
    /// <returns>This builder.</returns>
    public LettaReplyBuilder ResponseState() => Add(new ReplyStep.ResponseState());

    /// <summary>Finishes the script.</summary>
    /// <returns>The reply.</returns>
    public LettaReply Build() => new([.. _steps]);

    private LettaReplyBuilder Add(ReplyStep step)
    {
        _steps.Add(step);
        return this;
    }
}
