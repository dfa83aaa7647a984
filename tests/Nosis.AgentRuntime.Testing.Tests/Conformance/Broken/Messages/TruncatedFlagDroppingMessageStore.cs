using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Messages;

/// <summary>Forgot the truncated flag: every reply reads back as whole.</summary>
public sealed class TruncatedFlagDroppingMessageStore : BrokenMessageStore
{
    protected override AssistantMessage OnSave(AssistantMessage message) => message with { IsTruncated = false };
}
