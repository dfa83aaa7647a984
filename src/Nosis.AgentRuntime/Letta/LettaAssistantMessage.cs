namespace Nosis.AgentRuntime.Letta;

/// <summary>Assistant text (<c>assistant_message</c>): a delta when tokens stream, the whole text otherwise.</summary>
/// <param name="Content">The text; a content array of text parts is joined.</param>
public sealed record LettaAssistantMessage(string Content) : LettaStreamItem
{
    /// <inheritdoc/>
    public override string MessageType => "assistant_message";
}
