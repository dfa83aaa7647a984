using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Messages;

/// <summary>Treats zero tokens as "not reported" (a <c>&gt; 0</c> check before writing the columns).</summary>
public sealed class ZeroUsageAsNullMessageStore : BrokenMessageStore
{
    protected override AssistantMessage OnSave(AssistantMessage message) =>
        message.Usage is { TotalTokens: 0 } ? message with { Usage = null } : message;
}
