using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Messages;

/// <summary>Strips U+0000 so that PostgreSQL's text type accepts the content.</summary>
public sealed class NulStrippingMessageStore : BrokenMessageStore
{
    protected override UserMessage OnSave(UserMessage message) => message with { Content = message.Content.Replace("\0", string.Empty, StringComparison.Ordinal) };

    protected override AssistantMessage OnSave(AssistantMessage message) => message with { Text = message.Text.Replace("\0", string.Empty, StringComparison.Ordinal) };
}
