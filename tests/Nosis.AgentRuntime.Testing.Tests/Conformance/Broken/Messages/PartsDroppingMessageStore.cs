using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Messages;

/// <summary>Kept only the text: the parts column was never written.</summary>
public sealed class PartsDroppingMessageStore : BrokenMessageStore
{
    protected override UserMessage OnSave(UserMessage message) => message with { Parts = null };

    protected override AssistantMessage OnSave(AssistantMessage message) => message with { Parts = null };
}
