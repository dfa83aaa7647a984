using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Messages;

/// <summary>Content in a 65,535-character column that silently cuts longer text.</summary>
public sealed class CappedContentMessageStore : BrokenMessageStore
{
    private const int Cap = 65_535;

    protected override UserMessage OnSave(UserMessage message) => message with { Content = Cut(message.Content) };

    protected override AssistantMessage OnSave(AssistantMessage message) => message with { Text = Cut(message.Text) };

    private static string Cut(string text) => text.Length > Cap ? text[..Cap] : text;
}
