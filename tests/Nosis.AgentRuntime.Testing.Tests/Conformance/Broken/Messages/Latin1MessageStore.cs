using System.Text;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Messages;

/// <summary>Content in a Latin-1 column: everything outside it becomes '?'.</summary>
public sealed class Latin1MessageStore : BrokenMessageStore
{
    protected override UserMessage OnSave(UserMessage message) => message with { Content = RoundTrip(message.Content) };

    protected override AssistantMessage OnSave(AssistantMessage message) => message with { Text = RoundTrip(message.Text) };

    private static string RoundTrip(string text) => Encoding.Latin1.GetString(Encoding.Latin1.GetBytes(text));
}
