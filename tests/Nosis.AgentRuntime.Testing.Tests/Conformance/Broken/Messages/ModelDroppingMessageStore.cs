using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Messages;

/// <summary>Forgot the model column.</summary>
public sealed class ModelDroppingMessageStore : BrokenMessageStore
{
    protected override AssistantMessage OnSave(AssistantMessage message) => message with { Model = null };
}
