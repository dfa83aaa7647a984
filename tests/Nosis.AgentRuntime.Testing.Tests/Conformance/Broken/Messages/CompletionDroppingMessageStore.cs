using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Messages;

/// <summary>Has no column for how a reply ended: every reply reads back as completed.</summary>
public sealed class CompletionDroppingMessageStore : BrokenMessageStore
{
    protected override AssistantMessage OnSave(AssistantMessage message) => message with { Completion = ReplyCompletion.Completed };
}
