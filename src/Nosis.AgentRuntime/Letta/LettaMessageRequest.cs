namespace Nosis.AgentRuntime.Letta;

/// <summary>What to send to an agent: messages or tool results, the client-side tools, and a step limit.</summary>
/// <param name="Messages">The messages and tool results to send.</param>
public sealed record LettaMessageRequest(IReadOnlyList<LettaInputItem> Messages)
{
    /// <summary>Gets the tools the client runs itself.</summary>
    public IReadOnlyList<LettaClientTool>? ClientTools { get; init; }

    /// <summary>Gets the most agent steps the send may take; <see langword="null"/> leaves it to the server (50).</summary>
    public int? MaxSteps { get; init; }

    /// <summary>Creates a request with one user message.</summary>
    /// <param name="text">The user's text.</param>
    /// <returns>The request.</returns>
    public static LettaMessageRequest FromUserText(string text) => new([LettaInputMessage.User(text)]);
}
