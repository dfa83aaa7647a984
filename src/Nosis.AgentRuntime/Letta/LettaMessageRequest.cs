namespace Nosis.AgentRuntime.Letta;

/// <summary>What to send to an agent: messages or tool results, the client-side tools, and a step limit.</summary>
/// <param name="Messages">The messages and tool results to send.</param>
public sealed record LettaMessageRequest(IReadOnlyList<LettaInputItem> Messages)
{
    /// <summary>Gets the tools the client runs itself.</summary>
    public IReadOnlyList<LettaClientTool>? ClientTools { get; init; }

    /// <summary>Gets the most agent steps the send may take; <see langword="null"/> leaves it to the server (50).</summary>
    public int? MaxSteps { get; init; }

    /// <summary>Gets a value indicating whether a streaming send runs in Letta's background mode (<c>background: true</c>): the run goes on when the connection drops, every chunk carries <c>seq_id</c>, and the stream can be read again from any point.</summary>
    /// <remarks>Ignored by non-streaming sends, which Letta refuses with it.</remarks>
    public bool Background { get; init; }

    /// <summary>Gets where the conversation's tools may run; a backend whose server runs tools of its own (the App Server) decides by it what they may do.</summary>
    /// <value>The default is <see cref="Execution.ExecutionTarget.Sandbox"/>, the most restricted target. Letta's REST API does not use it.</value>
    public Execution.ExecutionTarget ExecutionTarget { get; init; } = Execution.ExecutionTarget.Sandbox;

    /// <summary>Creates a request with one user message.</summary>
    /// <param name="text">The user's text.</param>
    /// <returns>The request.</returns>
    public static LettaMessageRequest FromUserText(string text) => new([LettaInputMessage.User(text)]);
}
