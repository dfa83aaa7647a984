using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Messages;

/// <summary>Keeps input and output tokens only, dropping reasoning, cached-input and step counts.</summary>
public sealed class DetailedUsageDroppingMessageStore : BrokenMessageStore
{
    protected override AssistantMessage OnSave(AssistantMessage message) =>
        message with { Usage = message.Usage is { } usage ? new TokenUsage(usage.InputTokens, usage.OutputTokens) : null };
}
