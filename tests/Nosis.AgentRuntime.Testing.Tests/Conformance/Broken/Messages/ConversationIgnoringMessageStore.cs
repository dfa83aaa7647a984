using Nosis.AgentRuntime.Testing.Conformance;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Messages;

/// <summary>Reads back every message, whatever the conversation (a missing WHERE conversation_id = @c).</summary>
public sealed class ConversationIgnoringMessageStore : BrokenMessageStore
{
    public override IReadOnlyList<StoredMessage> GetMessages(string conversationId) => AllRows();
}
