namespace Nosis.AgentRuntime.Letta;

/// <summary>A user's message as Letta keeps it (<c>user_message</c>): never streamed, read back from the agent's history.</summary>
/// <param name="Content">The text; a content array of text parts is joined.</param>
/// <remarks><see cref="LettaStreamItem.Otid"/> is the id the sender gave the message (the runtime sends the host's message id).</remarks>
public sealed record LettaUserMessage(string Content) : LettaStreamItem
{
    /// <inheritdoc/>
    public override string MessageType => "user_message";
}
