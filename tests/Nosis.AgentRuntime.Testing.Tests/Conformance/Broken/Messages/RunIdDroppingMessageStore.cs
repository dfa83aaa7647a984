using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Messages;

/// <summary>Keeps the agent id but not the run id.</summary>
public sealed class RunIdDroppingMessageStore : BrokenMessageStore
{
    protected override AssistantMessage OnSave(AssistantMessage message) => message with { RunId = null };
}
