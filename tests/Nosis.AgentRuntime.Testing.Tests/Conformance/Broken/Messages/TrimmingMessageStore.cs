using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Messages;

/// <summary>"Tidies" content on the way in: trims surrounding white space.</summary>
public sealed class TrimmingMessageStore : BrokenMessageStore
{
    protected override UserMessage OnSave(UserMessage message) => message with { Content = message.Content.Trim() };

    protected override AssistantMessage OnSave(AssistantMessage message) => message with { Text = message.Text.Trim() };
}
