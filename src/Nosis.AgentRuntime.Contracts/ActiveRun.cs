namespace Nosis.AgentRuntime.Contracts;

/// <summary>The Letta run a conversation's reply is being produced by: what another instance needs to resume or stop it.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="AgentId">The Letta agent the run belongs to.</param>
/// <param name="RunId">The Letta run id (<c>run-…</c>).</param>
/// <param name="AssistantMessageId">The id of the assistant reply the run produces, as the UI stream announces it and the store saves it.</param>
/// <param name="StartedAt">When the turn sent its input.</param>
public sealed record ActiveRun(string ConversationId, string AgentId, string RunId, string AssistantMessageId, DateTimeOffset StartedAt)
{
    /// <summary>Gets the last Letta sequence id (<c>seq_id</c>) the owning instance has read, if it has read one.</summary>
    public long? LastSeqId { get; init; }
}
