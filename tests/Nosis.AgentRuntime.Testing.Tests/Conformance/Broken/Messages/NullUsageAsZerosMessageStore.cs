using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Messages;

/// <summary>NOT NULL DEFAULT 0 token columns: a reply without usage reads back with zeros.</summary>
public sealed class NullUsageAsZerosMessageStore : BrokenMessageStore
{
    protected override AssistantMessage OnSave(AssistantMessage message) => message with { Usage = message.Usage ?? new TokenUsage(0, 0) };
}
