using Nosis.AgentRuntime.Testing.Conformance;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Messages;

/// <summary>Skips replies without text (a <c>CHECK (length(content) &gt; 0)</c> whose violation is swallowed): a refusal's failed marker is lost.</summary>
public sealed class EmptyReplyDroppingMessageStore : BrokenMessageStore
{
    protected override Task InsertAssistantAsync(StoredMessage message) =>
        message.Assistant!.Text.Length == 0 ? Task.CompletedTask : InsertOnceAsync(message);
}
