namespace Nosis.AgentRuntime.Emulator.Models;

/// <summary>
/// One scripted answer of a <see cref="ScriptedModelServer"/>, built fluently and played in the order written:
/// reasoning, text, tool calls, holds and a dropped connection; or, with <see cref="Failure"/>, an HTTP error.
/// </summary>
/// <example><c>model.Enqueue(new ScriptedReply().Reasoning("Checking.").Text("It is sunny.").Trickle(TimeSpan.FromMilliseconds(5)));</c></example>
public sealed class ScriptedReply
{
    private readonly List<ScriptedModelStep> _steps = [];

    /// <summary>Gets the HTTP status the reply answers with; 200 unless made by <see cref="Failure"/>.</summary>
    public int StatusCode { get; private init; } = 200;

    /// <summary>Gets the error message of a <see cref="Failure"/> reply; <see langword="null"/> otherwise.</summary>
    public string? ErrorMessage { get; private init; }

    /// <summary>Gets the pause before each streamed delta.</summary>
    public TimeSpan TrickleDelay { get; private set; }

    internal IReadOnlyList<ScriptedModelStep> Steps => _steps;

    internal (int Prompt, int Completion)? UsageOverride { get; private set; }

    /// <summary>Makes a reply that answers with an HTTP error and OpenAI's error body (<c>{"error": {"message", "type", "code"}}</c>).</summary>
    /// <param name="statusCode">The status, e.g. 429, 500 or 503.</param>
    /// <param name="message">The error message.</param>
    /// <returns>The reply.</returns>
    public static ScriptedReply Failure(int statusCode, string message)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentNullException.ThrowIfNull(message);
        return new ScriptedReply { StatusCode = statusCode, ErrorMessage = message };
    }

    /// <summary>Adds reasoning, streamed word by word as <c>delta.reasoning_content</c>.</summary>
    /// <param name="text">The reasoning.</param>
    /// <returns>This reply.</returns>
    public ScriptedReply Reasoning(string text) => Add(new ScriptedModelStep.Reasoning(ReplyTokens.Words(text)));

    /// <summary>Adds reasoning as the given deltas.</summary>
    /// <param name="tokens">The deltas, in order.</param>
    /// <returns>This reply.</returns>
    public ScriptedReply ReasoningTokens(params string[] tokens) => Add(new ScriptedModelStep.Reasoning([.. tokens]));

    /// <summary>Adds assistant text, streamed word by word as <c>delta.content</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>This reply.</returns>
    public ScriptedReply Text(string text) => Add(new ScriptedModelStep.Text(ReplyTokens.Words(text)));

    /// <summary>Adds assistant text as the given deltas.</summary>
    /// <param name="tokens">The deltas, in order.</param>
    /// <returns>This reply.</returns>
    public ScriptedReply TextTokens(params string[] tokens) => Add(new ScriptedModelStep.Text([.. tokens]));

    /// <summary>Makes the model call one function tool; the reply finishes with <c>tool_calls</c>.</summary>
    /// <param name="name">The tool name, as the request offered it.</param>
    /// <param name="argumentsJson">The arguments, as JSON text; streamed in fragments.</param>
    /// <param name="id">The tool call id; a fresh <c>call_…</c> id when <see langword="null"/>.</param>
    /// <returns>This reply.</returns>
    public ScriptedReply ToolCall(string name, string argumentsJson, string? id = null) => ToolCalls(new ScriptedToolCall(name, argumentsJson, id));

    /// <summary>Makes the model call several function tools in one step (parallel tool calls, <c>index</c> 0, 1, …).</summary>
    /// <param name="calls">The calls, in order.</param>
    /// <returns>This reply.</returns>
    public ScriptedReply ToolCalls(params ScriptedToolCall[] calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentOutOfRangeException.ThrowIfZero(calls.Length);
        return Add(new ScriptedModelStep.ToolCalls([.. calls.Select(c => c with { Id = c.Id ?? ReplyTokens.NewToolCallId() })]));
    }

    /// <summary>Makes the stream wait at this point until <paramref name="hold"/> is released.</summary>
    /// <param name="hold">The hold; the test awaits <see cref="ScriptedHold.Reached"/> and calls <see cref="ScriptedHold.Release"/>.</param>
    /// <returns>This reply.</returns>
    public ScriptedReply HoldUntilReleased(ScriptedHold hold)
    {
        ArgumentNullException.ThrowIfNull(hold);
        return Add(new ScriptedModelStep.Hold(hold));
    }

    /// <summary>Drops the connection at this point (a reset, 100 ms after the deltas before it were sent): no finish reason, no usage, no <c>[DONE]</c>.</summary>
    /// <returns>This reply.</returns>
    public ScriptedReply DropConnection() => Add(new ScriptedModelStep.Drop());

    /// <summary>Pauses <paramref name="delay"/> before each streamed delta.</summary>
    /// <param name="delay">The pause per delta.</param>
    /// <returns>This reply.</returns>
    public ScriptedReply Trickle(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        TrickleDelay = delay;
        return this;
    }

    /// <summary>Reports these token counts in the usage; by default they are estimated from the request and the reply.</summary>
    /// <param name="promptTokens">The prompt tokens.</param>
    /// <param name="completionTokens">The completion tokens.</param>
    /// <returns>This reply.</returns>
    public ScriptedReply Usage(int promptTokens, int completionTokens)
    {
        UsageOverride = (promptTokens, completionTokens);
        return this;
    }

    private ScriptedReply Add(ScriptedModelStep step)
    {
        if (StatusCode != 200)
        {
            throw new InvalidOperationException("A failure reply has no content.");
        }

        _steps.Add(step);
        return this;
    }
}
