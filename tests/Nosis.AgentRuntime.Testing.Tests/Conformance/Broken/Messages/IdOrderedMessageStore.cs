using Nosis.AgentRuntime.Testing.Conformance;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Messages;

/// <summary>Reads a conversation back ordered by message id (ORDER BY id) instead of by time.</summary>
public sealed class IdOrderedMessageStore : BrokenMessageStore
{
    public override IReadOnlyList<StoredMessage> GetMessages(string conversationId) =>
        [.. base.GetMessages(conversationId).OrderBy(m => m.MessageId, StringComparer.Ordinal)];
}
