namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Registry;

/// <summary>Reads a missing agent as an empty string (a NOT NULL column with a '' default).</summary>
public sealed class EmptyStringAgentIdRegistry : BrokenRegistry
{
    public override async Task<string?> GetAgentIdAsync(string conversationId, CancellationToken cancellationToken = default) =>
        await base.GetAgentIdAsync(conversationId, cancellationToken) ?? string.Empty;

    public override async Task<string?> ReadClaimedAgentIdAsync(string conversationId, CancellationToken cancellationToken = default) =>
        await base.ReadClaimedAgentIdAsync(conversationId, cancellationToken) ?? string.Empty;
}
