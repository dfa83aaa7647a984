namespace Nosis.AgentRuntime.Letta;

/// <summary>Reasoning that happened but is not shown (<c>hidden_reasoning_message</c>).</summary>
/// <param name="State"><c>redacted</c> when the provider redacted it, <c>omitted</c> when the API left it out.</param>
/// <remarks><see cref="HiddenReasoning"/> is the provider's opaque (often encrypted) payload: it is not text to show anyone.</remarks>
public sealed record LettaHiddenReasoningMessage(string State) : LettaStreamItem
{
    /// <inheritdoc/>
    public override string MessageType => "hidden_reasoning_message";

    /// <summary>Gets the provider's opaque payload, if it sent one.</summary>
    public string? HiddenReasoning { get; init; }
}
