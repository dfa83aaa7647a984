using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Messages;

/// <summary>Read the parts back newest first, as a query with <c>ORDER BY position DESC</c> would.</summary>
public sealed class PartsReorderingMessageStore : BrokenMessageStore
{
    protected override UserMessage OnSave(UserMessage message) => message with { Parts = Reversed(message.Parts) };

    protected override AssistantMessage OnSave(AssistantMessage message) => message with { Parts = Reversed(message.Parts) };

    private static IReadOnlyList<MessagePart>? Reversed(IReadOnlyList<MessagePart>? parts) => parts is null ? null : [.. parts.Reverse()];
}
