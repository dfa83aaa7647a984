using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Messages;

/// <summary>Saves every user message under the conversation's owner instead of its author.</summary>
public sealed class AuthorDroppingMessageStore : BrokenMessageStore
{
    protected override UserMessage OnSave(UserMessage message) => message with { UserId = "conversation-owner" };
}
