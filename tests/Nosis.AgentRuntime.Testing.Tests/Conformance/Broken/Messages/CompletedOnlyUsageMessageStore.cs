using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Messages;

/// <summary>Saves token usage only for completed replies; aborted and failed ones lose what they spent.</summary>
public sealed class CompletedOnlyUsageMessageStore : BrokenMessageStore
{
    protected override AssistantMessage OnSave(AssistantMessage message) =>
        message.Completion == ReplyCompletion.Completed ? message : message with { Usage = null };
}
